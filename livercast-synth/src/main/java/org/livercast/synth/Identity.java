package org.livercast.synth;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The fake but realistic identifiers a raw export carries (so de-identification can be tested): a name in pinyin
 * and in Chinese characters, a hospital number, a phone number and a birth date.
 */
public record Identity(String namePinyin, String nameHanzi, String hospitalNumber, String phone, LocalDate birthDate) {
    private static final String[][] SURNAMES = {{"WANG", "王"}, {"LI", "李"}, {"ZHANG", "张"}, {"LIU", "刘"}, {"CHEN", "陈"},
            {"YANG", "杨"}, {"HUANG", "黄"}, {"ZHAO", "赵"}, {"WU", "吴"}, {"ZHOU", "周"}, {"XU", "徐"}, {"SUN", "孙"}};
    private static final String[][] GIVEN = {{"WEI", "伟"}, {"FANG", "芳"}, {"MIN", "敏"}, {"JING", "静"}, {"LEI", "磊"},
            {"QIANG", "强"}, {"JUN", "军"}, {"YONG", "勇"}, {"JIE", "杰"}, {"TAO", "涛"}, {"MING", "明"}, {"HUA", "华"}};

    static Identity draw(SplittableRandom r, String centreId, LocalDate birth) {
        String[] s = SURNAMES[r.nextInt(SURNAMES.length)];
        String[] g1 = GIVEN[r.nextInt(GIVEN.length)];
        String[] g2 = GIVEN[r.nextInt(GIVEN.length)];
        String pinyin = s[0] + "^" + g1[0] + g2[0];
        String hanzi = s[1] + g1[1] + g2[1];
        String mrn = hospitalNumber(r, centreId);
        String phone = "13" + r.nextInt(10) + String.format("%08d", r.nextInt(100_000_000));
        return new Identity(pinyin, hanzi, mrn, phone, birth);
    }

    /** A centre's hospital number: its id and eight digits. */
    static String hospitalNumber(SplittableRandom r, String centreId) {
        return centreId + String.format("%08d", r.nextInt(100_000_000));
    }

    public Identity withHospitalNumber(String mrn) { return new Identity(namePinyin, nameHanzi, mrn, phone, birthDate); }
}
