// Reading speed and memory of ulam's CSV reader, as a single-file Java program:
//   java -cp compiler/target/ulam.jar bench/CsvRead.java FILE.csv
// prints the file's size, the rows and columns read, MB/s (the best of three reads), the bytes of
// the arrays the data set holds, and the largest heap in use after a garbage collection while it
// read, less the heap in use before (the live data's peak), and MB per second of the process's CPU
// time (all its threads: JIT and garbage collector included), a figure a busy machine changes less.
// bench/csv.sh generates the files and runs it, with commons-csv's parser (what ulam used before,
// records only, nothing kept) as the peer in the same run.
import java.io.Reader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import com.sun.management.GarbageCollectionNotificationInfo;
import ulam.shaded.org.apache.commons.csv.CSVFormat;
import ulam.shaded.org.apache.commons.csv.CSVParser;
import ulam.shaded.org.apache.commons.csv.CSVRecord;
import ulam.runtime.data.DataSet;

public class CsvRead {
    static final AtomicLong peak = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        boolean peer = args.length > 1 && args[1].equals("--peer");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = 0;
                for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) used += u.getUsed();
                peak.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        double mb = Files.size(file) / 1e6;
        System.gc();
        long baseline = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) baseline += pool.getUsage().getUsed();
        }
        double best = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long rows = 0;
        long bytes = 0;
        int columns = 0;
        for (int r = 0; r < rounds; r++) {
            System.gc();
            long t0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            if (peer) {
                rows = 0;
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                     CSVParser p = CSVParser.parse(in, CSVFormat.RFC4180)) {
                    for (CSVRecord rec : p) {
                        rows++;
                        columns = rec.size();
                    }
                }
                rows--;
            } else {
                DataSet d = DataSet.read(List.of(file), Map.of());
                columns = d.names().size();
                rows = d.length(d.names().get(0), null);
                bytes = d.elementBytes();
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            bestCpu = Math.min(bestCpu, (os.getProcessCpuTime() - c0) / 1e9);
        }
        System.out.printf(java.util.Locale.ROOT,
                "%s %-12s %7.1f MB  %9d rows x %d columns  %6.1f MB/s (%6.1f per CPU s)  arrays %7.1f MB  live heap peak %7.1f MB%s%n",
                peer ? "commons-csv" : "ulam       ", file.getFileName(), mb, rows, columns, mb / best, mb / bestCpu,
                bytes / 1e6, Math.max(0, peak.get() - baseline) / 1e6, peer ? "" : String.format(java.util.Locale.ROOT,
                        " (%.2fx the arrays)", (double) Math.max(0, peak.get() - baseline) / Math.max(1, bytes)));
    }
}
