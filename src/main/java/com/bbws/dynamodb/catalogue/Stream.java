package com.bbws.dynamodb.catalogue;

import java.util.Optional;

/**
 * Whether a table publishes a DynamoDB stream and, if it does, what each record carries.
 * Build with {@link #disabled()} or {@link #enabled(ViewType)}.
 */
public final class Stream {

    /** What a stream record carries. */
    public enum ViewType { KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES }

    private static final Stream DISABLED = new Stream(null);

    private final ViewType viewType;

    private Stream(ViewType viewType) {
        this.viewType = viewType;
    }

    public static Stream disabled() {
        return DISABLED;
    }

    public static Stream enabled(ViewType viewType) {
        if (viewType == null) {
            throw new CatalogueException(
                    "A stream is enabled without a view type; choose KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES.");
        }
        return new Stream(viewType);
    }

    public boolean isEnabled() {
        return viewType != null;
    }

    public Optional<ViewType> viewType() {
        return Optional.ofNullable(viewType);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Stream that && this.viewType == that.viewType;
    }

    @Override
    public int hashCode() {
        return viewType == null ? 0 : viewType.hashCode();
    }

    @Override
    public String toString() {
        return isEnabled() ? viewType.name() : "disabled";
    }
}
