package org.condense.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts, drawn by JFreeChart and encoded as PNG. */
final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
        ChartFactory.setChartTheme(theme());
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    /** Colour-blind-safe palette (Okabe–Ito), Random in black. */
    private static final Color[] PALETTE = {new Color(0x000000), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x009E73),
            new Color(0xD55E00), new Color(0x0072B2), new Color(0xCC79A7), new Color(0xF0E442), new Color(0x999999)};

    private Charts() {}

    /** Top-1 against IPC, one line per row; {@code series} maps a row title to (IPC → mean top-1). */
    static byte[] accuracyVsIpc(String title, Map<String, Map<Integer, Double>> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, Map<Integer, Double>> s : series.entrySet()) {
            XYSeries xy = new XYSeries(s.getKey());
            s.getValue().forEach(xy::add);
            data.addSeries(xy);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "images per class", "top-1 accuracy (%)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        NumberAxis ipcAxis = (NumberAxis) plot.getDomainAxis();
        double maxIpc = data.getSeriesCount() == 0 ? 10 : data.getDomainUpperBound(false);
        ipcAxis.setTickUnit(new NumberTickUnit(maxIpc <= 20 ? 1 : maxIpc <= 100 ? 10 : maxIpc <= 500 ? 50 : 100));
        ipcAxis.setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(i == 0 ? 3f : 2f));
        }
        plot.setRenderer(renderer);
        return png(chart, WIDTH, HEIGHT);
    }

    /**
     * Top-1 against total bytes on a log axis, one line per series of (bytes, top-1) points; a
     * series of one point (a method that stores no labels) is drawn as a marker.
     */
    static byte[] accuracyVsBytes(String title, Map<String, List<double[]>> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<double[]>> s : series.entrySet()) {
            XYSeries xy = new XYSeries(s.getKey());
            s.getValue().forEach(p -> xy.add(p[0], p[1]));
            data.addSeries(xy);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "total bytes (images + labels), log scale",
                "top-1 accuracy (%)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        org.jfree.chart.axis.LogAxis bytes = new org.jfree.chart.axis.LogAxis("total bytes (images + labels), log scale");
        bytes.setSmallestValue(1);
        bytes.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
        plot.setDomainAxis(bytes);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            if (data.getItemCount(i) == 1) {
                renderer.setSeriesShape(i, new java.awt.geom.Rectangle2D.Double(-6, -6, 12, 12));
            }
        }
        plot.setRenderer(renderer);
        return png(chart, WIDTH, HEIGHT);
    }

    /** Two overlaid histograms as relative frequencies: the score over the full set and over the selection. */
    static byte[] scoreHistogram(String title, String score, double[] full, double[] selected) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : full) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(max > min)) {
            max = min + 1;
        }
        HistogramDataset data = new HistogramDataset();
        data.setType(HistogramType.RELATIVE_FREQUENCY);
        data.addSeries("full training set (" + full.length + ")", full, 40, min, max);
        data.addSeries("selected (" + selected.length + ")", selected, 40, min, max);
        JFreeChart chart = ChartFactory.createHistogram(title, score, "fraction of images", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setForegroundAlpha(0.6f);
        XYBarRenderer renderer = (XYBarRenderer) plot.getRenderer();
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, PALETTE[8]);
        renderer.setSeriesPaint(1, PALETTE[4]);
        return png(chart, WIDTH / 2 + 50, HEIGHT * 3 / 4);
    }

    /** Images per class of a selection (balanced selections are flat). */
    static byte[] classCounts(String title, List<String> classes, int[] counts) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int c = 0; c < classes.size(); c++) {
            data.addValue(counts[c], "images", classes.get(c));
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "class", "source images", data, PlotOrientation.VERTICAL,
                false, false, false);
        chart.getCategoryPlot().getRenderer().setSeriesPaint(0, PALETTE[5]);
        return png(chart, WIDTH / 2 + 50, HEIGHT * 3 / 4);
    }

    private static byte[] png(JFreeChart chart, int width, int height) {
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        theme.setLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        theme.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xDDDDDD));
        theme.setRangeGridlinePaint(new Color(0xDDDDDD));
        return theme;
    }
}
