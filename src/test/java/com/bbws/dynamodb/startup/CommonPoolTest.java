package com.bbws.dynamodb.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommonPoolTest {

    @ParameterizedTest(name = "{0} CPU(s)")
    @ValueSource(ints = {1, 2})
    void on_java_25_with_two_cpus_or_fewer_the_pool_gets_two_workers(int cpus) {
        assertThat(CommonPool.parallelismToSet(null, 25, cpus)).contains(2);
    }

    @Test
    void on_java_26_too() {
        assertThat(CommonPool.parallelismToSet(null, 26, 2)).contains(2);
    }

    @Test
    void with_three_cpus_or_more_the_jvms_default_is_already_two_or_more() {
        assertThat(CommonPool.parallelismToSet(null, 25, 3)).isEmpty();
        assertThat(CommonPool.parallelismToSet(null, 25, 16)).isEmpty();
    }

    @Test
    void the_users_own_setting_wins_even_when_it_is_one() {
        assertThat(CommonPool.parallelismToSet("1", 25, 2)).isEmpty();
    }

    @ParameterizedTest(name = "Java {0}")
    @ValueSource(ints = {17, 21, 24})
    void before_java_25_nothing_changes_a_pool_below_two_runs_each_task_on_a_thread_of_its_own(int java) {
        assertThat(CommonPool.parallelismToSet(null, java, 1)).isEmpty();
    }
}
