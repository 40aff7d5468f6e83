package io.leadwire.common.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

import io.leadwire.common.phone.PhoneNumbers;

/**
 * The phone policy for services that keep phone numbers (they bring libphonenumber). An
 * unknown default region stops the start-up.
 */
@AutoConfiguration
@ConditionalOnClass(PhoneNumberUtil.class)
@EnableConfigurationProperties(LeadwirePhoneAutoConfiguration.PhoneProperties.class)
public class LeadwirePhoneAutoConfiguration {

	@Bean
	PhoneNumbers phoneNumbers(PhoneProperties properties) {
		return new PhoneNumbers(properties.defaultRegion());
	}

	/**
	 * @param defaultRegion the ISO 3166 region of numbers written without a country code
	 * ({@code LEADWIRE_PHONE_DEFAULT_REGION})
	 */
	@ConfigurationProperties("leadwire.phone")
	public record PhoneProperties(@DefaultValue("US") String defaultRegion) {
	}

}
