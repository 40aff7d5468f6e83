package io.leadwire.console.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpSession;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the signed-in user works on, kept in their session: live or test data (the
 * sandbox, as the tenant's test key sees it) and, for a partner, the client company acted
 * in.
 */
public final class Workspace {

	static final String TEST_DATA = "leadwire.console.testData";

	static final String COMPANY = "leadwire.console.companyId";

	static final String COMPANIES = "leadwire.console.companies";

	static final String ROLE = "leadwire.console.role";

	private Workspace() {
	}

	/** Whether the current request's user views test data. */
	public static boolean testData() {
		HttpSession session = session();
		return session != null && Boolean.TRUE.equals(session.getAttribute(TEST_DATA));
	}

	public static void useTestData(HttpSession session, boolean test) {
		if (test) {
			session.setAttribute(TEST_DATA, Boolean.TRUE);
		}
		else {
			session.removeAttribute(TEST_DATA);
		}
	}

	/** The client company a partner acts in, else {@code null}. */
	public static String company() {
		HttpSession session = session();
		return (session != null) ? (String) session.getAttribute(COMPANY) : null;
	}

	public static void actIn(HttpSession session, String companyId) {
		if (companyId == null || companyId.isBlank()) {
			session.removeAttribute(COMPANY);
		}
		else {
			session.setAttribute(COMPANY, companyId);
		}
	}

	/**
	 * The companies the user may act in ({@code GET /v1/accounts/companies}: their own,
	 * then a partner's clients), read once per session; each {@code {id, name}}.
	 */
	public static List<Map<String, String>> companies(HttpSession session, Supplier<List<Map<String, String>>> read) {
		@SuppressWarnings("unchecked")
		List<Map<String, String>> known = (List<Map<String, String>>) session.getAttribute(COMPANIES);
		if (known == null) {
			known = new ArrayList<>(read.get());
			session.setAttribute(COMPANIES, known);
		}
		return known;
	}

	/**
	 * The signed-in user's role ({@code GET /v1/users/me}: owner, admin or member), read
	 * once per session; a failed read is not kept.
	 */
	public static String role(HttpSession session, Supplier<String> read) {
		String role = (String) session.getAttribute(ROLE);
		if (role == null) {
			role = read.get();
			session.setAttribute(ROLE, role);
		}
		return role;
	}

	/** After a partner onboards a client: read the companies again. */
	public static void forgetCompanies(HttpSession session) {
		session.removeAttribute(COMPANIES);
	}

	private static HttpSession session() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes instanceof ServletRequestAttributes servlet) ? servlet.getRequest().getSession(false) : null;
	}

}
