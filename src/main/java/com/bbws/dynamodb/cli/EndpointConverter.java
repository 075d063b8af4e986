package com.bbws.dynamodb.cli;

import com.bbws.dynamodb.settings.Echo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --endpoint}: an http or https URL with a host, such as {@code http://127.0.0.1:8000}. A
 * mistake is refused on the command line (exit 2), not found by the SDK as a stack trace.
 *
 * <p>A URL with a user name or password ({@code http://user:password@host}) is refused, and the refusal
 * does not show them: DynamoDB authenticates each request by its AWS signature, in the Authorization
 * header, so credentials in the URL are never used; accepted, they would only be printed in every
 * report, JSON and error message that names the endpoint.
 *
 * <p>A query or a fragment is refused: DynamoDB's API has none, and the SDK would send a query on every
 * request. A path is taken ({@code https://proxy.example/dynamodb}): the SDK sends its requests to that path,
 * as an engine behind a reverse proxy needs. A value longer than {@link #MAX_LENGTH} is refused, and messages
 * show at most its first 100 characters, with control characters escaped ({@link Echo#quote}).
 */
final class EndpointConverter implements ITypeConverter<URI> {

    static final int MAX_PORT = 65535;

    /** What messages show instead of a URL's user name and password. */
    static final String HIDDEN = "***";

    /**
     * The longest endpoint URL taken: far more than any host, port and path need, and what browsers and
     * servers commonly take; a longer value is a mistake (a pasted file), shown by its start only.
     */
    static final int MAX_LENGTH = 2048;

    @Override
    public URI convert(String value) {
        String shown = shown(value);
        if (value.length() > MAX_LENGTH) {
            throw invalid("%s is longer than " + MAX_LENGTH + " characters, more than an endpoint URL needs",
                    Echo.quote(shown));
        }
        if (!shown.equals(value)) {
            throw invalid("%s holds a user name or password (before the '@'); DynamoDB signs every request"
                    + " with AWS credentials and never uses them, so leave them out", Echo.quote(shown));
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid("%s is not a URL", Echo.quote(value));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("%s is not an http or https URL", Echo.quote(value));
        }
        if (uri.getHost() == null) {
            throw invalid("%s names no host", Echo.quote(value));
        }
        if (uri.getPort() > MAX_PORT) {
            throw invalid("%s: " + uri.getPort() + " is not a port", Echo.quote(value));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("%s has a query or a fragment (from '?' or '#'); a DynamoDB endpoint has neither",
                    Echo.quote(value));
        }
        return uri;
    }

    /**
     * The value with everything between the scheme and the last '@' hidden: a URL's user information,
     * however it is written (a password may hold '/', ':' or '@' unencoded), never reaches a message.
     */
    static String shown(String value) {
        int scheme = value.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + "://".length();
        int at = value.lastIndexOf('@');
        return at < start ? value : value.substring(0, start) + HIDDEN + value.substring(at);
    }

    private static TypeConversionException invalid(String problem, String value) {
        return new TypeConversionException(String.format(problem, value)
                + "; give the engine's URL, e.g. http://127.0.0.1:8000.");
    }
}
