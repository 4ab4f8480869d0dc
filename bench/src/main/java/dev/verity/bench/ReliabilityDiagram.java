package dev.verity.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Reliability diagrams side by side in one PNG: per panel, each method's observed accuracy in each confidence bin
 * (plotted at the bin's mean confidence, empty bins left out) against the diagonal of perfect calibration.
 */
final class ReliabilityDiagram {

    /** One diagram: a title and each method's binned predictions. */
    record Panel(String title, Map<ComparedMethod, ExpectedCalibrationError> methods) {}

    private static final int PANEL_WIDTH = 460;
    private static final int HEIGHT = 420;
    private static final Map<ComparedMethod, Color> COLORS = Map.of(
            ComparedMethod.MV, new Color(0x99, 0x99, 0x99),
            ComparedMethod.GROUND_TRUTH, new Color(0xD9, 0x5F, 0x02),
            ComparedMethod.VERITY, new Color(0x1B, 0x9E, 0x77));

    private ReliabilityDiagram() {}

    static void write(Path png, List<Panel> panels) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(PANEL_WIDTH * panels.size(), HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int p = 0; p < panels.size(); p++) {
            chart(panels.get(p)).draw(g, new Rectangle2D.Double(p * PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT));
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(image, "png", png.toFile());
    }

    private static JFreeChart chart(Panel panel) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYSeries diagonal = new XYSeries("perfect calibration");
        diagonal.add(0, 0);
        diagonal.add(1, 1);
        dataset.addSeries(diagonal);
        panel.methods().forEach((method, calibration) -> {
            XYSeries series =
                    new XYSeries(String.format(Locale.ROOT, "%s (ECE %.3f)", method.title(), calibration.value()));
            for (int b = 0; b < ExpectedCalibrationError.BINS; b++) {
                if (calibration.count(b) > 0) {
                    series.add(calibration.meanConfidence(b), calibration.accuracy(b));
                }
            }
            dataset.addSeries(series);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(
                null, "confidence", "observed accuracy", dataset, PlotOrientation.VERTICAL, true, false, false);
        chart.setTitle(new TextTitle(panel.title(), new Font(Font.SANS_SERIF, Font.BOLD, 14)));
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setRange(0, 1);
        plot.getRangeAxis().setRange(0, 1);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, Color.BLACK);
        renderer.setSeriesStroke(
                0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        renderer.setSeriesShapesVisible(0, false);
        int series = 1;
        for (ComparedMethod method : panel.methods().keySet()) {
            renderer.setSeriesPaint(series, COLORS.get(method));
            renderer.setSeriesStroke(series, new BasicStroke(2f));
            series++;
        }
        plot.setRenderer(renderer);
        return chart;
    }
}
