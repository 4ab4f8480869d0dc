package dev.verity.models;

import dev.verity.autolabel.Features;
import dev.verity.autolabel.LabelingModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.protos.core.ModelProto;

/**
 * A trained Tribuo linear classifier with what it needs around it: the job's labels (Tribuo's labels are the class
 * indices), the featuriser's name, and for dense features the standardisation learnt at training.
 */
final class LinearClassifier implements LabelingModel {

    private static final int MAGIC = 0x564c4d31; // "VLM1"
    private static final int FORMAT = 1;

    private final List<String> labels;
    private final String featuriser;
    private final Standardiser standardiser; // null: the features are used as they are
    private final Model<Label> model;
    private final FeatureNames names;

    LinearClassifier(List<String> labels, String featuriser, Standardiser standardiser, Model<Label> model) {
        this.labels = List.copyOf(labels);
        this.featuriser = featuriser;
        this.standardiser = standardiser;
        this.model = model;
        this.names = FeatureNames.of(model.getFeatureIDMap());
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public String featuriser() {
        return featuriser;
    }

    @Override
    public double[] probabilities(Features features) {
        Prediction<Label> prediction = model.predict(
                names.example(LabelFactory.UNKNOWN_LABEL, features.indices(), values(standardiser, features)));
        // A class absent from the training set is not among Tribuo's outputs: it keeps probability 0. Tribuo's
        // softmax sums to 1 already; dividing again keeps that exact to rounding after the copy.
        double[] probabilities = new double[labels.size()];
        double sum = 0;
        for (Label label : prediction.getOutputScores().values()) {
            probabilities[Integer.parseInt(label.getLabel())] = label.getScore();
            sum += label.getScore();
        }
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] /= sum;
        }
        return probabilities;
    }

    /** The values Tribuo is given: standardised if the model standardises, else as they are. */
    static double[] values(Standardiser standardiser, Features features) {
        if (standardiser != null) {
            return standardiser.apply(features);
        }
        double[] values = new double[features.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = features.values()[i];
        }
        return values;
    }

    /**
     * A header (format, featuriser, labels, standardisation), then Tribuo's protobuf of the model, deflated: a text
     * model's feature domain shrinks about 4 times, in a fraction of a second.
     */
    @Override
    public byte[] save() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(featuriser);
            out.writeInt(labels.size());
            for (String label : labels) {
                out.writeUTF(label);
            }
            out.writeBoolean(standardiser != null);
            if (standardiser != null) {
                standardiser.write(out);
            }
            DeflaterOutputStream deflated = new DeflaterOutputStream(out, deflater);
            model.serialize().writeTo(deflated);
            deflated.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException if the bytes are not a model {@link #save()} wrote */
    static LinearClassifier load(byte[] saved) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
            return read(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a Verity model: " + e.getMessage(), e);
        }
    }

    private static LinearClassifier read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("wrong magic number");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("unknown format " + format);
        }
        String featuriser = in.readUTF();
        int count = in.readInt();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            labels.add(in.readUTF());
        }
        Standardiser standardiser = in.readBoolean() ? Standardiser.read(in) : null;
        Model<?> model;
        try (InflaterInputStream inflated = new InflaterInputStream(in)) {
            model = Model.deserialize(ModelProto.parseFrom(inflated));
        }
        if (!model.validate(Label.class)) {
            throw new IOException("a Tribuo model of " + model.getClass().getSimpleName() + ", not a classifier");
        }
        @SuppressWarnings("unchecked")
        Model<Label> classifier = (Model<Label>) model;
        return new LinearClassifier(labels, featuriser, standardiser, classifier);
    }
}
