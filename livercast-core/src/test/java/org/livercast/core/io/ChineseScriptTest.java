package org.livercast.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChineseScriptTest {
    @Test
    void aTraditionalReportReadsAsTheSimplifiedOneAndSimplifiedOrEnglishTextIsLeftAlone() {
        assertThat(ChineseScript.simplified("住院號：T01  電話：0912  病理診斷：肝細胞癌，腫瘤大小 4.5 公分。衛星結節：無。切緣：陰性。動脈期明顯強化，延遲期廓清。"))
                .isEqualTo("住院号：T01  电话：0912  病理诊断：肝细胞癌，肿瘤大小 4.5 公分。卫星结节：无。切缘：阴性。动脉期明显强化，延迟期廓清。");
        String simplified = "病理诊断：肝细胞癌。微血管侵犯（MVI）：M2级。卫星结节：无。包膜：完整。边缘不光整。";
        assertThat(ChineseScript.simplified(simplified)).isEqualTo(simplified);
        assertThat(ChineseScript.simplified("MVI: present; margin R0")).isEqualTo("MVI: present; margin R0");
        assertThat(ChineseScript.simplified(null)).isNull();
    }

    @Test
    void aSimplifiedReportWritesAsATaiwanHospitalWouldAndBack() {
        String simplified = "住院号：T01  病理诊断：肝细胞癌。卫星结节：无。切缘：未见癌累及。Edmondson-Steiner分级：II级。";
        String traditional = ChineseScript.traditional(simplified);
        assertThat(traditional).isEqualTo("住院號：T01  病理診斷：肝細胞癌。衛星結節：無。切緣：未見癌累及。Edmondson-Steiner分級：II級。");
        assertThat(ChineseScript.simplified(traditional)).isEqualTo(simplified);
        assertThat(ChineseScript.traditional("MVI: present")).isEqualTo("MVI: present");
        assertThat(ChineseScript.traditional(null)).isNull();
    }
}
