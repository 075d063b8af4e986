package com.bbws.dynamodb.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --endpoint}: an http or https URL with a host, such as {@code http://127.0.0.1:8000}. A
 * mistake is refused on the command line (exit 2), not found by the SDK as a stack trace.
 */
final class EndpointConverter implements ITypeConverter<URI> {

    static final int MAX_PORT = 65535;

    @Override
    public URI convert(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid("'%s' is not a URL", value);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("'%s' is not an http or https URL", value);
        }
        if (uri.getHost() == null) {
            throw invalid("'%s' names no host", value);
        }
        if (uri.getPort() > MAX_PORT) {
            throw invalid("'%s': " + uri.getPort() + " is not a port", value);
        }
        return uri;
    }

    private static TypeConversionException invalid(String problem, String value) {
        return new TypeConversionException(String.format(problem, value)
                + "; give the engine's URL, e.g. http://127.0.0.1:8000.");
    }
}
