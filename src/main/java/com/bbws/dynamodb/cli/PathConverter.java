package com.bbws.dynamodb.cli;

import com.bbws.dynamodb.settings.FileProblems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A file or folder on the command line ({@code --project-dir}, {@code --db-path}, {@code --base}). Under a locale that is
 * not UTF-8 ({@code LANG=C}), a name with other than ASCII characters cannot reach the file system as
 * written: refused on the command line (exit 2), rather than a stack trace or a file of another name. An
 * empty value (an unset shell variable) is refused too: Java reads it as the working folder.
 */
final class PathConverter implements ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        if (value.isEmpty()) {
            // Path.of("") is the working folder: '' (an unset shell variable) would name it unasked
            throw new TypeConversionException("'' is empty; give a file or folder name (. for the current folder).");
        }
        if (!FileProblems.passesAsWritten(value)) {
            throw new TypeConversionException(String.format("'%s' cannot be used as written: %s.", value,
                    FileProblems.notPassedAdvice()));
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException(String.format("'%s' is not a file name: %s.", value, e.getReason()));
        }
    }
}
