package org.condense.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.condense.UserException;
import org.condense.bench.ResultSources;
import org.condense.evaluate.ResultRecord;
import org.condense.evaluate.SummaryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "results", mixinStandardHelpOptions = true,
        description = "Print the table of finished evaluation runs: mean ± std over seeds per method variant, IPC, protocol and network, with the difference to Random.")
final class ResultsCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "STORE|DIR", description = "Results stores of `condense bench`, or folders of result records (the --out of `condense evaluate`).")
    List<Path> dirs;

    @Option(names = "--wide", description = "One line per method variant and a column per IPC and protocol (the papers' layout), a table per dataset and network.")
    boolean wide;

    @Option(names = "--order", split = ",", paramLabel = "VARIANT,...", description = "With --wide: these method variants first, in this order (e.g. random,sre2l,cda); the others follow by name.")
    List<String> order = List.of();

    @Override
    public Integer call() {
        List<ResultRecord> records = ResultSources.read(dirs);
        if (records.isEmpty()) {
            throw new UserException("no result records in " + dirs + "; run `condense evaluate --out DIR` first");
        }
        System.out.print(wide ? SummaryTable.renderWide(records, order) : SummaryTable.render(records));
        return 0;
    }
}
