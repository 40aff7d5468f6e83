package io.leadwire.common.api;

/**
 * {@code meta.pagination} of a list response; {@code nextCursor} is null on the last
 * page.
 */
public record Pagination(int page, int limit, long total, long totalPages, String nextCursor) {

	public static Pagination of(PageRequest request, long total, String nextCursor) {
		long pages = (total + request.limit() - 1) / request.limit();
		return new Pagination(request.page(), request.limit(), total, pages, nextCursor);
	}

}
