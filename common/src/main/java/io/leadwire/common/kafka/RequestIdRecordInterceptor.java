package io.leadwire.common.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;

import org.springframework.kafka.listener.RecordInterceptor;

import io.leadwire.common.api.RequestIds;

/**
 * Carries the request id of the event into the consumer's log lines.
 */
public class RequestIdRecordInterceptor implements RecordInterceptor<Object, Object> {

	@Override
	public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
			Consumer<Object, Object> consumer) {
		Header header = record.headers().lastHeader(RequestIds.HEADER);
		if (header != null) {
			MDC.put(RequestIds.MDC_KEY, new String(header.value(), StandardCharsets.UTF_8));
		}
		return record;
	}

	@Override
	public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
		MDC.remove(RequestIds.MDC_KEY);
	}

}
