package org.livercast.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ClinicalDatesTest {
    @Test
    void everyYearFirstFormAHospitalSystemWritesIsTheSameDay() {
        LocalDate day = LocalDate.of(2024, 1, 12);
        for (String cell : new String[] {"2024-01-12", "2024-1-12", "2024/1/12", "2024/01/12", "2024.01.12", "20240112", "2024年1月12日",
                "2024-01-12 00:00:00", "2024/1/12 8:30", "2024-01-12T00:00:00.000", " 2024-01-12 "}) {
            assertThat(ClinicalDates.parse(cell)).as(cell).isEqualTo(day);
        }
    }

    @Test
    void aMonthByNameIsReadInEveryOrderAndNumbersInTheDeclaredOne() {
        LocalDate day = LocalDate.of(2024, 1, 12);
        for (String cell : new String[] {"12-JAN-2024", "12-Jan-2024", "12 January 2024", "12Jan2024", "Jan 12, 2024", "January 12 2024",
                "12-JAN-2024 00:00:00"}) {
            for (ClinicalDates.Order order : ClinicalDates.Order.values()) assertThat(ClinicalDates.parse(cell, order)).as(cell + " " + order).isEqualTo(day);
        }
        for (String cell : new String[] {"12/01/2024", "12.01.2024", "12-1-2024", "12/01/2024 14:30"}) {
            assertThat(ClinicalDates.parse(cell, ClinicalDates.Order.DAY_FIRST)).as(cell).isEqualTo(day);
            assertThat(ClinicalDates.parse(cell, ClinicalDates.Order.MONTH_FIRST)).as(cell).isEqualTo(LocalDate.of(2024, 12, 1));
        }
        assertThat(ClinicalDates.parse("2024-01-12", ClinicalDates.Order.MONTH_FIRST)).isEqualTo(day);
        assertThatThrownBy(() -> ClinicalDates.parse("13/25/2024", ClinicalDates.Order.MONTH_FIRST)).hasMessageContaining("MonthOfYear").hasMessageEndingWith(", read month-first as the centre declared");
        assertThatThrownBy(() -> ClinicalDates.parse("12-Jnu-2024")).hasMessageStartingWith("is not a date (");
        assertThat(ClinicalDates.Order.of(" Day-First ")).isEqualTo(ClinicalDates.Order.DAY_FIRST);
    }

    @Test
    void formsThatCouldBeMisreadAreRefusedSayingWhy() {
        assertThatThrownBy(() -> ClinicalDates.parse("12/01/2024")).isInstanceOf(DateTimeException.class).hasMessageContaining("day-first or month-first");
        assertThatThrownBy(() -> ClinicalDates.parse("01-12-24")).hasMessageContaining("two-digit year");
        assertThatThrownBy(() -> ClinicalDates.parse("12-JAN-24")).hasMessageContaining("two-digit year");
        assertThatThrownBy(() -> ClinicalDates.parse("45303")).hasMessageContaining("spreadsheet's day number");
        assertThatThrownBy(() -> ClinicalDates.parse("2024-13-01")).hasMessageStartingWith("is not a date: ").hasMessageContaining("MonthOfYear");
        assertThatThrownBy(() -> ClinicalDates.parse("2024-02-30")).hasMessageContaining("FEBRUARY 30");
        assertThatThrownBy(() -> ClinicalDates.parse("2024/01-12")).hasMessageStartingWith("is not a date (use YYYY-MM-DD");
        assertThatThrownBy(() -> ClinicalDates.parse("soon")).hasMessage("is not a date (" + ClinicalDates.EXPECTED + ")");
        assertThat(ClinicalDates.orNull("12/01/2024")).isNull();
        assertThat(ClinicalDates.orNull(" ")).isNull();
    }
}
