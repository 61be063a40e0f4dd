package dev.rig.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Who used the machine's CPU during a measurement: the server process, this (client) process, and
 * everything else (other people's builds on a shared machine: the noise to report next to a
 * figure). Machine-wide busy time comes from {@code /proc/stat} (Linux); elsewhere "others" is
 * unknown.
 */
final class CpuAccount {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final ProcessHandle server;
    private final long startNanos;
    private final double machineStart;
    private final double serverStart;
    private final double clientStart;

    private CpuAccount(ProcessHandle server) {
        this.server = server;
        this.startNanos = System.nanoTime();
        this.machineStart = machineBusySeconds();
        this.serverStart = processSeconds(server);
        this.clientStart = clientSeconds();
    }

    /** Starts counting now; {@code server} is the measured server process (its children are not counted). */
    static CpuAccount start(ProcessHandle server) {
        return new CpuAccount(server);
    }

    /** "server X s, client Y s, others Z s (of N CPU-s)" since {@link #start}. */
    String report() {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        double serverUsed = processSeconds(server) - serverStart;
        double clientUsed = clientSeconds() - clientStart;
        double machine = machineBusySeconds() - machineStart;
        String others = Double.isNaN(machine) ? "?" : String.format("%.1f", Math.max(0, machine - serverUsed - clientUsed));
        return String.format("server %.1f s, client %.1f s, others %s s (of %.0f CPU-s)", serverUsed, clientUsed,
                others, wall * Runtime.getRuntime().availableProcessors());
    }

    private static double processSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
    }

    private static double clientSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return 0;
    }

    /** user+nice+system+irq+softirq+steal of all CPUs, in seconds; NaN without /proc/stat. */
    private static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
