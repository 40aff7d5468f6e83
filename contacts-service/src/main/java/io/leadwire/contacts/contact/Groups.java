package io.leadwire.contacts.contact;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import io.leadwire.common.api.ApiException;
import io.leadwire.common.api.ApiResponse.FieldError;
import io.leadwire.common.api.ETags;
import io.leadwire.common.api.PageRequest;
import io.leadwire.common.context.TenantScope;
import io.leadwire.common.id.IdAllocator;

/**
 * Contact groups (docs/api.md §4): a name of 1–{@value #MAX_NAME} characters and a colour
 * {@code #RRGGBB} (stored in upper case; {@value #DEFAULT_COLOR} when none is given).
 * Deleting a group takes it off its contacts; the contacts stay.
 */
@Service
class Groups {

	static final int MAX_NAME = 100;

	static final String DEFAULT_COLOR = "#6B7280";

	private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");

	private final GroupStore store;

	private final ContactStore contacts;

	private final IdAllocator ids;

	Groups(GroupStore store, ContactStore contacts, IdAllocator ids) {
		this.store = store;
		this.contacts = contacts;
		this.ids = ids;
	}

	GroupView create(TenantScope scope, GroupRequest body) {
		if (body == null) {
			throw ApiException.validation("name", "is required");
		}
		String name = name((body.name() != null) ? body.name().orElse(null) : null);
		String color = (body.color() != null && body.color().isPresent()) ? color(body.color().get()) : DEFAULT_COLOR;
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return GroupView.of(this.store.insert(
				new ContactGroup(this.ids.next(), scope.tenantId(), scope.environment(), name, color, now, now, 0)), 0);
	}

	GroupView get(TenantScope scope, long id) {
		return view(scope, this.store.require(scope, id));
	}

	List<GroupView> list(TenantScope scope, PageRequest page) {
		List<ContactGroup> groups = this.store.list(scope, page);
		List<Long> groupIds = new ArrayList<>(groups.size());
		groups.forEach((group) -> groupIds.add(group.id()));
		Map<Long, Long> counts = this.contacts.countByGroup(scope, groupIds);
		return groups.stream().map((group) -> GroupView.of(group, counts.getOrDefault(group.id(), 0L))).toList();
	}

	long count(TenantScope scope) {
		return this.store.count(scope);
	}

	GroupView update(TenantScope scope, long id, GroupRequest body, Long expectedVersion) {
		if (body == null) {
			throw ApiException.validation("name", "send the fields to change: name, color");
		}
		List<FieldError> errors = new ArrayList<>();
		String name = null;
		String color = null;
		if (body.name() != null) {
			name = checked(errors, () -> name(body.name().orElse(null)));
		}
		if (body.color() != null) {
			color = checked(errors, () -> color(body.color().orElse(null)));
		}
		if (!errors.isEmpty()) {
			throw ApiException.validation(errors);
		}
		ContactGroup updated = this.store.update(scope, id, name, color, expectedVersion);
		if (updated == null) {
			this.store.require(scope, id);
			throw ETags.stale();
		}
		return view(scope, updated);
	}

	void delete(TenantScope scope, long id) {
		if (!this.store.delete(scope, id)) {
			this.store.require(scope, id);
			return;
		}
		this.contacts.removeGroup(scope, id);
	}

	private GroupView view(TenantScope scope, ContactGroup group) {
		return GroupView.of(group, this.contacts.countByGroup(scope, List.of(group.id())).getOrDefault(group.id(), 0L));
	}

	private static String name(String value) {
		String name = (value != null) ? value.strip() : "";
		if (name.isEmpty()) {
			throw ApiException.validation("name", "is required");
		}
		if (name.length() > MAX_NAME) {
			throw ApiException.validation("name", "at most " + MAX_NAME + " characters");
		}
		return name;
	}

	private static String color(String value) {
		if (value == null || !COLOR.matcher(value.strip()).matches()) {
			throw ApiException.validation("color", "a colour as #RRGGBB, for example #FF5733");
		}
		return value.strip().toUpperCase(Locale.ROOT);
	}

	private static String checked(List<FieldError> errors, java.util.function.Supplier<String> rule) {
		try {
			return rule.get();
		}
		catch (ApiException ex) {
			errors.addAll(ex.errors());
			return null;
		}
	}

}
