package com.bbws.dynamodb.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text others control, made safe to print: nothing a terminal would not show as itself is left as it is. */
class EchoTest {

    @Test
    void control_format_and_separator_characters_are_escaped_printable_text_is_kept() {
        assertThat(Echo.visible("a\nb\rc\td\u001b[31me\u0000f\u007fg")).isEqualTo("a\\nb\\rc\\td\\u001b[31me\\u0000f\\u007fg");
        assertThat(Echo.visible("x\u202ey\u200bz\u2028w\u0085v")).isEqualTo("x\\u202ey\\u200bz\\u2028w\\u0085v");
        assertThat(Echo.visible("Café ÿ 日本 \uD83D\uDE00 #{}<>\\")).isEqualTo("Café ÿ 日本 \uD83D\uDE00 #{}<>\\");
        assertThat(Echo.visible("lone \uD800 surrogate")).isEqualTo("lone \\ud800 surrogate");
    }

    @Test
    void quote_escapes_the_same_way_and_shortens() {
        assertThat(Echo.quote("si\u001bt\n")).isEqualTo("'si\\u001bt\\n'");
        assertThat(Echo.quote("a".repeat(150))).isEqualTo("'" + "a".repeat(100) + "...' (150 characters)");
    }
}
