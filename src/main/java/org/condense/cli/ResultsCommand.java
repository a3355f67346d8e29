package org.condense.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.condense.UserException;
import org.condense.bench.ResultSources;
import org.condense.evaluate.ResultRecord;
import org.condense.evaluate.SummaryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "results", mixinStandardHelpOptions = true,
        description = "Print the table of finished evaluation runs: mean ± std over seeds per method variant, IPC, protocol and network, with the difference to Random.")
final class ResultsCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "STORE|DIR", description = "Results stores of `condense bench`, or folders of result records (the --out of `condense evaluate`).")
    List<Path> dirs;

    @Override
    public Integer call() {
        List<ResultRecord> records = ResultSources.read(dirs);
        if (records.isEmpty()) {
            throw new UserException("no result records in " + dirs + "; run `condense evaluate --out DIR` first");
        }
        System.out.print(SummaryTable.render(records));
        return 0;
    }
}
