// Package measure runs the commands of the benchmark scripts under
// internal/bench and summarizes what they cost: wall time, CPU time and
// peak RSS per run, medians and ranges over rounds, paired ratios.
package measure
