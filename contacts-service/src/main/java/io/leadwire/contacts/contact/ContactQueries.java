package io.leadwire.contacts.contact;

import java.util.List;

import org.springframework.stereotype.Component;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.api.Pagination;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdCodec;
import io.leadwire.common.phone.PhoneNumbers;

/**
 * The contacts list (docs/api.md §4), shared by {@code GET /v1/contacts} and the older
 * {@code /contacts/list}: filters, page/limit, and {@code cursor} — the opaque id of the
 * last contact seen, so a deep page costs what the first does.
 */
@Component
public class ContactQueries {

	private final ContactStore store;

	private final GroupStore groups;

	private final PhoneNumbers phones;

	private final IdCodec codec;

	ContactQueries(ContactStore store, GroupStore groups, PhoneNumbers phones, IdCodec codec) {
		this.store = store;
		this.groups = groups;
		this.phones = phones;
		this.codec = codec;
	}

	/**
	 * The filter of a list or an export; a group that is not the scope's is a 404 (as any
	 * other tenant's id).
	 */
	public ContactFilter filter(TenantScope scope, Long groupId, Long groupIdSnake, Boolean favorite, Boolean optedOut,
			String search) {
		Long group = (groupId != null) ? groupId : groupIdSnake;
		if (group != null) {
			this.groups.require(scope, group);
		}
		if (search != null && search.length() > 200) {
			throw ApiException.validation("search", "at most 200 characters");
		}
		return ContactFilter.of(group, favorite, optedOut, search, this.phones);
	}

	ApiResponse<List<ContactView>> list(TenantScope scope, ContactFilter filter, Integer page, Integer limit,
			String cursor) {
		PageRequest paging = PageRequest.of(page, limit);
		Long after = null;
		if (cursor != null && !cursor.isBlank()) {
			after = this.codec.decode(cursor.strip())
				.stream()
				.boxed()
				.findFirst()
				.orElseThrow(() -> ApiException.validation("cursor", "is not a cursor this list gave"));
		}
		ContactStore.Page result = this.store.list(scope, filter, paging, after);
		String next = result.more() ? this.codec.encode(result.items().get(result.items().size() - 1).id()) : null;
		return ApiResponse.page(result.items().stream().map(ContactView::of).toList(),
				Pagination.of(paging, result.total(), next));
	}

}
