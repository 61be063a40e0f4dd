package dev.rig.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferResource;

/**
 * A progress bar on stderr for each jar Maven Resolver downloads (nothing for jars found in a
 * local repository); without a terminal, one line per finished download instead.
 */
final class DownloadProgress extends AbstractTransferListener {

    private final PrintWriter err;
    private final boolean terminal = System.console() != null;
    private final Map<TransferResource, ProgressBar> bars = new ConcurrentHashMap<>();

    DownloadProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void transferStarted(TransferEvent event) {
        if (!terminal || !isJarDownload(event)) {
            return;
        }
        TransferResource resource = event.getResource();
        long length = resource.getContentLength();
        bars.put(resource, new ProgressBarBuilder().setTaskName(name(resource)).setInitialMax(Math.max(length, 0))
                .setStyle(ProgressBarStyle.ASCII).setUnit(" KB", 1024).showSpeed().setMaxRenderedLength(100)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build());
    }

    @Override
    public void transferProgressed(TransferEvent event) {
        ProgressBar bar = bars.get(event.getResource());
        if (bar != null) {
            bar.stepTo(event.getTransferredBytes());
        }
    }

    @Override
    public void transferSucceeded(TransferEvent event) {
        ProgressBar bar = bars.remove(event.getResource());
        if (bar != null) {
            bar.stepTo(event.getTransferredBytes());
            bar.close();
        } else if (isJarDownload(event)) {
            err.println("downloaded " + name(event.getResource()) + " (" + event.getTransferredBytes() / 1024 + " KB)");
            err.flush();
        }
    }

    @Override
    public void transferFailed(TransferEvent event) {
        ProgressBar bar = bars.remove(event.getResource());
        if (bar != null) {
            bar.close();
        }
    }

    @Override
    public void transferCorrupted(TransferEvent event) {
        transferFailed(event);
    }

    private static boolean isJarDownload(TransferEvent event) {
        return event.getRequestType() == TransferEvent.RequestType.GET
                && event.getResource().getResourceName().endsWith(".jar");
    }

    private static String name(TransferResource resource) {
        String path = resource.getResourceName();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
