package org.livercast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The clinician's journey in headless Chromium (Debian's chromium and chromium-driver): sign in, open a patient, see
 * the slide's tiles load, toggle the attention heat map, scroll the MRI, lock a prediction, open the study dashboard.
 * Screenshots of each page go to target/screenshots.
 */
class BrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");
    static WebDriver driver;
    static WebFixture f;

    @BeforeAll
    static void browser() throws Exception {
        assumeTrue(new File("/usr/bin/chromium").canExecute() && new File("/usr/bin/chromedriver").canExecute(),
                "needs Debian's chromium and chromium-driver");
        f = WebFixture.get();
        Files.createDirectories(SHOTS);
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,1600");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        driver = new ChromeDriver(service, o);
    }

    @AfterAll
    static void close() {
        if (driver != null) driver.quit();
    }

    @Test
    void anInvestigatorSignsInReadsAPatientLocksAPredictionAndOpensTheStudy() throws Exception {
        String patient = f.patientWithAttention("C01");
        driver.get(f.url("/patients/C01/" + patient));
        assertThat(driver.getCurrentUrl()).contains("/login");
        driver.findElement(By.id("username")).sendKeys("inv01");
        driver.findElement(By.id("password")).sendKeys(WebFixture.PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> d.getCurrentUrl().endsWith("/patients/C01/" + patient));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains(patient);
        assertThat(driver.findElement(By.id("post-probability")).getText()).matches("(?s)([<>]?\\d+|\\d+\\.\\d)%.*(HIGH RISK|low risk).*");

        JavascriptExecutor js = (JavascriptExecutor) driver;
        // OpenSeadragon has drawn the slide once its first tiles arrived from the Deep Zoom endpoint.
        wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                "var v = window.livercastViewer; return !!v && v.world.getItemCount() > 0 && v.world.getItemAt(0).getFullyLoaded();")));
        // Drawn means served: OpenSeadragon counts a failed tile as loaded too, and for a week the descriptor's
        // Format="jpeg" made it ask for .jpeg tiles the server refused, while this test saw requests and passed.
        long tiles = (Long) js.executeScript("return performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('/slide_files/') > 0 && e.responseStatus === 200; }).length;");
        long refused = (Long) js.executeScript("return performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('/slide_files/') > 0 && e.responseStatus !== 200; }).length;");
        assertThat(tiles).isGreaterThan(0);
        assertThat(refused).isZero();
        assertThat(js.executeScript("return document.getElementById('slide-viewer').dataset.tileFailures;")).isEqualTo("0");
        assertThat(driver.findElements(By.id("slide-error"))).isEmpty();
        driver.findElement(By.id("heatmap-toggle")).click();
        wait.until(d -> "true".equals(js.executeScript("return document.getElementById('slide-viewer').dataset.heatmapShown;")));
        assertThat((Long) js.executeScript("return window.livercastViewer.world.getItemCount();")).isEqualTo(2L);
        // The MRI phases: every image loads a slice; moving the slider loads another.
        wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                "var i = document.querySelectorAll('.mri img'); return i.length >= 4 && Array.prototype.every.call(i, function (x) { return x.complete && x.naturalWidth > 0; });")));
        // The slider opens on the tumour's slice, so the outline (yellow, on by default) is on the first image shown.
        String start = (String) js.executeScript("return document.getElementById('slice').value;");
        assertThat(start).isEqualTo(js.executeScript("return document.getElementById('slice').dataset.tumour;"));
        assertThat(outlinePixels(js)).as("tumour outline pixels on slice " + start + "%").isGreaterThan(0);
        js.executeScript("var s = document.getElementById('slice'); s.value = 0; s.dispatchEvent(new Event('input'));");
        wait.until(d -> Boolean.TRUE.equals(js.executeScript("var x = document.querySelector('.mri img'); return x.src.indexOf('/0.png') > 0 && x.complete && x.naturalWidth > 0;")));
        driver.findElement(By.id("to-tumour")).click();
        wait.until(d -> Boolean.TRUE.equals(js.executeScript("var x = document.querySelector('.mri img'); return x.src.indexOf('/" + start + ".png') > 0 && x.complete && x.naturalWidth > 0;")));
        assertThat(outlinePixels(js)).isGreaterThan(0);
        js.executeScript("var s = document.getElementById('slice'); s.value = 60; s.dispatchEvent(new Event('input'));");
        wait.until(d -> Boolean.TRUE.equals(js.executeScript("return document.querySelector('.mri img').src.indexOf('/60.png') > 0;")));
        // The saliency overlay: the slices are fetched again with the occlusion map drawn over them.
        driver.findElement(By.id("saliency-toggle")).click();
        wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                "var i = document.querySelectorAll('.mri img'); return Array.prototype.every.call(i, function (x) { return x.src.indexOf('saliency=1') > 0 && x.complete && x.naturalWidth > 0; });")));
        js.executeScript("var s = document.getElementById('slice'); s.value = 50; s.dispatchEvent(new Event('input')); document.getElementById('mri-h').scrollIntoView();");
        wait.until(d -> Boolean.TRUE.equals(js.executeScript("return Array.prototype.every.call(document.querySelectorAll('.mri img'), function (x) { return x.src.indexOf('/50.png') > 0 && x.complete; });")));
        shot("patient-mri-saliency");
        js.executeScript("window.scrollTo(0, 0);");
        shot("patient");
        driver.findElement(By.id("heatmap-toggle")).click();
        wait.until(d -> "false".equals(js.executeScript("return document.getElementById('slide-viewer').dataset.heatmapShown;")));

        new Select(driver.findElement(By.id("lock-protocol"))).selectByVisibleText("P4");
        driver.findElement(By.id("lock-button")).click();
        wait.until(d -> !d.findElements(By.id("lock-table")).isEmpty());
        assertThat(driver.findElement(By.id("lock-table")).getText()).contains("P4").contains("POST").contains("inv01");
        shot("patient-locked");

        driver.get(f.url("/study/P1"));
        assertThat(driver.findElement(By.id("screening")).getText()).isNotBlank();
        assertThat(driver.getPageSource()).contains("Recurrence-free survival by cohort");
        shot("study");

        driver.get(f.url("/patients/C02/" + f.patientWithAttention("C02")));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("403").contains("may not see patients of centre C02");
    }

    /** Pixels of the tumour outline's yellow (#FFD400) in the first MRI phase as drawn, read back through a canvas. */
    private static long outlinePixels(JavascriptExecutor js) {
        return (Long) js.executeScript("var img = document.querySelector('.mri img'); var c = document.createElement('canvas');"
                + " c.width = img.naturalWidth; c.height = img.naturalHeight; var g = c.getContext('2d'); g.drawImage(img, 0, 0);"
                + " var d = g.getImageData(0, 0, c.width, c.height).data; var n = 0;"
                + " for (var i = 0; i < d.length; i += 4) if (d[i] === 255 && d[i + 1] === 212 && d[i + 2] === 0) n++; return n;");
    }

    /**
     * Every page a clinician uses passes axe-core's audit (WCAG 2.1 A/AA rules: labels, contrast, names, landmarks,
     * keyboard) without a serious or critical violation, and the patient page fits a tablet held upright (768 px)
     * without sideways scrolling.
     */
    @Test
    void pagesPassAnAccessibilityAuditAndFitATablet() throws Exception {
        String axe = Files.readString(Path.of(BrowserTest.class.getResource("/axe-core-4.14.1/axe.min.js").toURI()));
        String patient = f.patientWithAttention("C01");
        signIn("inv01");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        for (String page : new String[] {"/login", "/patients", "/patients/C01/" + patient, "/study/P1"}) {
            driver.get(f.url(page));
            js.executeScript(axe);
            String result = (String) js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(function (r) {"
                    + "  done(r.passes.length + '|' + r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                    + "    .map(function (v) { return v.id + ' (' + v.impact + ', ' + v.nodes.length + ' nodes: ' + v.nodes[0].target + ')'; }).join('; '));"
                    + "}).catch(function (e) { done('0|axe failed: ' + e); });");
            String[] parts = result.split("\\|", 2);
            assertThat(parts[1]).as("axe-core on " + page).isEmpty();
            assertThat(Integer.parseInt(parts[0])).as("rules axe-core checked and passed on " + page).isGreaterThan(10);
        }
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(768, 1024));
        try {
            driver.get(f.url("/patients/C01/" + patient));
            long overflow = (Long) js.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(overflow).as("sideways scrolling on a 768 px tablet").isLessThanOrEqualTo(0);
            shot("patient-tablet");
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 1600));
            driver.manage().deleteAllCookies();   // the other browser test starts signed out
        }
    }

    /** Signs in unless the browser's session already is. */
    private static void signIn(String user) {
        driver.get(f.url("/login"));
        if (driver.findElements(By.id("username")).isEmpty()) return;
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(WebFixture.PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
