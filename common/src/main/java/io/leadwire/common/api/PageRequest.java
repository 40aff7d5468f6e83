package io.leadwire.common.api;

import java.util.List;

/**
 * {@code ?page=&limit=} validated against docs/api.md's bounds: limit 1..100 (default
 * 50), page from 1.
 */
public record PageRequest(int page, int limit) {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = 100;

	/**
	 * Pages beyond this are refused: deep pages belong to cursors, which cost the same at
	 * any depth.
	 */
	public static final int MAX_PAGE = 10_000;

	public static PageRequest of(Integer page, Integer limit) {
		int p = (page == null) ? 1 : page;
		int l = (limit == null) ? DEFAULT_LIMIT : limit;
		if (p < 1 || p > MAX_PAGE) {
			throw ApiException
				.validation(List.of(new ApiResponse.FieldError("page", "must be between 1 and " + MAX_PAGE)));
		}
		if (l < 1 || l > MAX_LIMIT) {
			throw ApiException
				.validation(List.of(new ApiResponse.FieldError("limit", "must be between 1 and " + MAX_LIMIT)));
		}
		return new PageRequest(p, l);
	}

	public long offset() {
		return (long) (this.page - 1) * this.limit;
	}

}
