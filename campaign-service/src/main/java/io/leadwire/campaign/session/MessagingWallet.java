package io.leadwire.campaign.session;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The wallet a tenant spends (a partner's client: the partner's), as messaging-service
 * shows it to the tenant: a live launch checks it covers the campaign.
 */
@FeignClient(name = "messaging-wallet",
		url = "${leadwire.campaign.messaging-service-url:${MESSAGING_SERVICE_URL:http://localhost:8085}}")
public interface MessagingWallet {

	@GetMapping("/v1/wallet")
	Answer get();

	record Answer(Wallet data) {
	}

	record Wallet(long balance, long costPerMessage) {
	}

}
