package org.livercast.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.livercast.core.protocol.rule.Fact;
import org.livercast.core.protocol.rule.Facts;
import org.livercast.core.protocol.rule.Rule;
import org.livercast.core.protocol.rule.RuleSyntaxException;
import org.livercast.core.protocol.rule.Truth;

class RuleTest {
    final Map<String, Fact> values = new HashMap<>();
    final Facts facts = name -> values.getOrDefault(name, Fact.missing(name));

    Truth eval(String rule) { return Rule.parse(rule).evaluate(facts); }

    @Test
    void comparisonsBetweenAndLists() {
        values.put("age_years", Fact.of(75));
        values.put("bclc_stage", Fact.of("A"));
        assertThat(eval("age_years between 18 and 75").isTrue()).isTrue();
        assertThat(eval("age_years < 75").isFalse()).isTrue();
        assertThat(eval("bclc_stage in ['0', 'a']").isTrue()).isTrue();
        assertThat(eval("bclc_stage != 'B' and not (age_years > 80)").isTrue()).isTrue();
    }

    @Test
    void missingFactsMakeTheRuleUnknownAndNameTheFields() {
        values.put("ecog", Fact.of(0));
        values.put("child_pugh_score", Fact.missing("labs.albumin", "ascites"));
        Truth t = eval("ecog <= 1 and child_pugh_score <= 7");
        assertThat(t.isUnknown()).isTrue();
        assertThat(t.missingFields()).containsExactlyInAnyOrder("labs.albumin", "ascites");
    }

    @Test
    void kleeneLogicDecidesWheneverThePresentDataSuffice() {
        values.put("ecog", Fact.of(3));
        assertThat(eval("ecog <= 1 and child_pugh_score <= 7").isFalse()).isTrue();
        assertThat(eval("ecog >= 2 or child_pugh_score <= 7").isTrue()).isTrue();
        assertThat(eval("not child_pugh_score <= 7").isUnknown()).isTrue();
    }

    @Test
    void presentIsNeverUnknown() {
        values.put("sex", Fact.of("male"));
        assertThat(eval("present(sex)").isTrue()).isTrue();
        assertThat(eval("present(sex, afp_ng_per_ml)").isFalse()).isTrue();
    }

    @Test
    void setsSupportContainsAllAndAny() {
        values.put("phases", Fact.of(Set.of("arterial", "portal_venous", "delayed")));
        assertThat(eval("phases contains_all ['arterial', 'delayed']").isTrue()).isTrue();
        assertThat(eval("phases contains_all ['non_contrast', 'arterial']").isFalse()).isTrue();
        assertThat(eval("phases contains_any ['non_contrast', 'arterial']").isTrue()).isTrue();
    }

    @Test
    void reportsTheFactsARuleReads() {
        assertThat(Rule.parse("a > 1 and (b or present(c, d)) and e in [1, 2]").factNames())
                .containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void syntaxErrorsQuoteTheRuleAndPosition() {
        assertThatThrownBy(() -> Rule.parse("age_years >= ")).isInstanceOf(RuleSyntaxException.class)
                .hasMessageContaining("age_years >= ").hasMessageContaining("position");
        assertThatThrownBy(() -> Rule.parse("age_years = 3")).hasMessageContaining("use == or !=");
        assertThatThrownBy(() -> Rule.parse("a between 1 2")).hasMessageContaining("'between' needs 'and'");
        assertThatThrownBy(() -> Rule.parse("bclc in ['0'")).hasMessageContaining("expected ']'");
        assertThatThrownBy(() -> Rule.parse("foo(a)")).hasMessageContaining("unknown function foo()");
        assertThatThrownBy(() -> Rule.parse("a > 1 b")).hasMessageContaining("unexpected 'b'");
    }
}
