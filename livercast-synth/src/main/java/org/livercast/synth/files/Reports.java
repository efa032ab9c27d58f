package org.livercast.synth.files;

import java.time.LocalDate;
import java.util.Locale;
import java.util.stream.Collectors;
import org.livercast.core.model.Nodule;
import org.livercast.core.model.Pathology;
import org.livercast.synth.SyntheticPatient;

/**
 * Pathology and radiology reports as a centre's system prints them: a header with the patient's identifiers (to be
 * scrubbed on ingest), then the findings in Chinese or English by centre style. The radiology report gives LI-RADS
 * features; the pathology report MVI grade, Edmondson–Steiner grade, satellites, capsule and margin.
 */
public final class Reports {
    private Reports() {}

    public static String pathology(SyntheticPatient p) {
        Pathology path = p.record().pathology();
        var burden = p.record().patient().preoperativeBurden();
        String sizes = burden.nodules().stream().map(n -> cm(n.sizeMm())).collect(Collectors.joining(p.centre().chineseReports() ? "、" : ", "));
        LocalDate date = p.record().surgeryDate().orElseThrow().plusDays(5);
        if (p.centre().chineseReports()) {
            String dx = switch (path.diagnosis()) {
                case HCC -> "肝细胞癌";
                case ICC -> "肝内胆管细胞癌";
                default -> "肝局灶性结节性增生（良性）";
            };
            StringBuilder s = new StringBuilder();
            s.append(p.centre().name()).append(" 病理诊断报告\n");
            s.append("姓名：").append(p.identity().nameHanzi()).append("  住院号：").append(p.identity().hospitalNumber())
                    .append("  电话：").append(p.identity().phone()).append("  报告日期：").append(date).append('\n');
            s.append("病理诊断：").append(dx).append("，肿瘤大小 ").append(sizes).append("。\n");
            if (path.edmondsonGrade() != null) s.append("Edmondson-Steiner分级：").append(roman(path.edmondsonGrade())).append("级。\n");
            if (path.mvi() != null) s.append("微血管侵犯（MVI）：").append(path.mvi().name()).append("级。\n");
            if (path.satelliteNodules() != null) s.append("卫星结节：").append(path.satelliteNodules() ? "有" : "无").append("。\n");
            if (path.capsuleComplete() != null) s.append("包膜：").append(path.capsuleComplete() ? "完整" : "不完整").append("。\n");
            s.append("切缘：").append(path.margin() == org.livercast.core.model.ResectionMargin.R0 ? "未见癌累及（R0）" : "可见癌累及（R1）").append("。\n");
            return s.toString();
        }
        String dx = switch (path.diagnosis()) {
            case HCC -> "Hepatocellular carcinoma";
            case ICC -> "Intrahepatic cholangiocarcinoma";
            default -> "Focal nodular hyperplasia (benign)";
        };
        StringBuilder s = new StringBuilder();
        s.append(p.centre().name()).append(" - SURGICAL PATHOLOGY REPORT\n");
        s.append("Patient: ").append(p.identity().namePinyin().replace('^', ' ')).append("   MRN: ").append(p.identity().hospitalNumber())
                .append("   Tel: ").append(p.identity().phone()).append("   DOB: ").append(p.identity().birthDate()).append("   Date: ").append(date).append('\n');
        s.append("DIAGNOSIS: ").append(dx).append(", tumour size ").append(sizes).append(".\n");
        if (path.edmondsonGrade() != null) s.append("Edmondson-Steiner grade ").append(roman(path.edmondsonGrade())).append(".\n");
        if (path.mvi() != null) s.append("Microvascular invasion: ").append(path.mvi().name()).append(path.mvi().present() ? " (present)" : " (absent)").append(".\n");
        if (path.satelliteNodules() != null) s.append("Satellite nodules: ").append(path.satelliteNodules() ? "present" : "absent").append(".\n");
        if (path.capsuleComplete() != null) s.append("Tumour capsule: ").append(path.capsuleComplete() ? "complete" : "incomplete").append(".\n");
        s.append("Resection margin: ").append(path.margin() == org.livercast.core.model.ResectionMargin.R0 ? "negative (R0)" : "involved (R1)").append(".\n");
        return s.toString();
    }

    public static String radiology(SyntheticPatient p) {
        var f = p.findings();
        Nodule main = p.record().patient().preoperativeBurden().nodules().get(0);
        LocalDate date = p.record().imaging().get(0).date();
        boolean lr5 = !f.rimEnhancement() && f.washout() && main.sizeMm() >= 20;
        String category = f.rimEnhancement() ? "LR-M" : lr5 ? "LR-5" : f.washout() ? "LR-4" : "LR-3";
        if (p.centre().chineseReports()) {
            return p.centre().name() + " MRI检查报告\n姓名：" + p.identity().nameHanzi() + "  住院号：" + p.identity().hospitalNumber() + "  检查日期：" + date + "\n"
                    + "肝S" + main.couinaudSegment() + "段见一肿块，大小约" + cm(main.sizeMm()) + "。"
                    + (f.rimEnhancement() ? "动脉期环状强化" : "动脉期明显强化") + "，" + (f.washout() ? "门脉期及延迟期廓清" : "未见廓清") + "，"
                    + (f.capsule() ? "可见包膜强化" : "未见包膜") + "。" + (f.nonSmoothMargin() ? "边缘不光整。" : "边缘光整。")
                    + (f.peritumoral() ? "动脉期瘤周异常强化。" : "") + "\n印象：" + category + "。\n";
        }
        return p.centre().name() + " - MRI LIVER\nPatient: " + p.identity().namePinyin().replace('^', ' ') + "   MRN: " + p.identity().hospitalNumber()
                + "   Exam date: " + date + "\nFINDINGS: " + cm(main.sizeMm()) + " mass in segment " + main.couinaudSegment() + " with "
                + (f.rimEnhancement() ? "rim arterial phase hyperenhancement" : "non-rim arterial phase hyperenhancement") + ", "
                + (f.washout() ? "non-peripheral washout" : "no washout") + ", " + (f.capsule() ? "enhancing capsule" : "no capsule") + ". Margin "
                + (f.nonSmoothMargin() ? "non-smooth" : "smooth") + "." + (f.peritumoral() ? " Arterial peritumoral enhancement." : "")
                + "\nIMPRESSION: " + category + ".\n";
    }

    static String cm(double mm) { return String.format(Locale.ROOT, "%.1f cm", mm / 10); }

    static String roman(int g) { return new String[] {"", "I", "II", "III", "IV"}[g]; }
}
