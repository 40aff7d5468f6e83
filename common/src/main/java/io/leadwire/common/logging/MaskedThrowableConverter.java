package io.leadwire.common.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;

import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Boot's {@code %wEx} with credentials masked: exception messages carry URLs and headers
 * too.
 */
public class MaskedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

	@Override
	public String convert(ILoggingEvent event) {
		return CredentialMasking.mask(super.convert(event));
	}

}
