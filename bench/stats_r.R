# The R side of bench/stats-vs-r.sh: the same tasks on the same CSV, median of timed repeats after a warm-up.
suppressPackageStartupMessages({ library(survival); library(pROC) })
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
repeats <- if (length(args) > 1) as.integer(args[2]) else 3
lp <- 0.5 * d$x1 - 0.3 * d$x2 + 0.2 * d$x3 + 0.1 * d$x4 - 0.2 * d$x5
timed <- function(task, f) {
  r <- f()
  s <- sapply(seq_len(repeats), function(i) system.time(f())[["elapsed"]])
  cat(task, sprintf("%.4f", median(s)), r, "\n")
}
timed("cox_efron_5", function() sprintf("%.6f", coef(coxph(Surv(time, status) ~ x1 + x2 + x3 + x4 + x5, data = d, ties = "efron"))[1]))
timed("kaplan_meier", function() length(survfit(Surv(time, status) ~ 1, data = d)$time))
timed("harrell_c_se", function() sprintf("%.6f", sqrt(concordance(Surv(d$time, d$status) ~ lp, reverse = TRUE)$var)))
timed("auc_delong_ci", function() sprintf("%.6f", ci.auc(roc(d$early, lp, levels = c(0, 1), direction = "<", quiet = TRUE), method = "delong")[1]))
