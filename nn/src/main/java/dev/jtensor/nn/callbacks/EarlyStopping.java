package dev.jtensor.nn.callbacks;

import dev.jtensor.InvalidArgumentException;
import dev.jtensor.Tensor;
import dev.jtensor.Variable;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code EarlyStopping}: stops training when {@code monitor} has not improved by more than
 * {@code minDelta} for {@code patience} epochs; "improved" means lower, or higher for metrics whose
 * name contains {@code acc}, {@code auc}, {@code precision} or {@code recall} (Keras's
 * {@code mode="auto"}). With {@code restoreBestWeights} the model gets back the weights of its best
 * epoch when it stops.
 *
 * {@snippet :
 * model.fit(x, y, FitOptions.epochs(100).validationSplit(0.2)
 *         .callbacks(new EarlyStopping("val_loss", 3, 0, true)));
 * }
 */
public final class EarlyStopping extends Callback {

    private final String monitor;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;
    private final boolean higherIsBetter;
    private double best;
    private int wait;
    private int stoppedEpoch = -1;
    private int bestEpoch = -1;
    private List<Tensor> bestWeights;

    /** Watches {@code val_loss} with patience 0, as Keras's defaults. */
    public EarlyStopping() {
        this("val_loss", 0, 0, false);
    }

    /** Watches {@code monitor}; see the class comment. */
    public EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBestWeights) {
        if (monitor == null) throw new InvalidArgumentException("EarlyStopping: monitor is null");
        if (patience < 0 || !(minDelta >= 0)) {
            throw new InvalidArgumentException("EarlyStopping: patience and minDelta must be >= 0, got "
                    + patience + ", " + minDelta);
        }
        this.monitor = monitor;
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBestWeights = restoreBestWeights;
        this.higherIsBetter = Monitors.higherIsBetter(monitor);
    }

    @Override
    public void onTrainBegin() {
        best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        wait = 0;
        stoppedEpoch = -1;
        bestEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs = orEmpty(logs);
        Double value = logs.get(monitor);
        if (value == null) {
            throw new InvalidArgumentException("EarlyStopping: the monitored metric '" + monitor
                    + "' is not among the logs " + logs.keySet());
        }
        wait++;
        boolean improved = higherIsBetter ? value - minDelta > best : value + minDelta < best;
        if (improved) {
            best = value;
            bestEpoch = epoch;
            wait = 0;
            if (restoreBestWeights) bestWeights = requireModel("onEpochEnd").variables().stream().map(Variable::asTensor).toList();
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            requireModel("onEpochEnd").stopTraining(true);
        }
    }

    /**
     * Puts back the best epoch's weights when training stopped early and {@code restoreBestWeights} is set;
     * {@code logs} is not read (it may be null).
     */
    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch >= 0 && restoreBestWeights && bestWeights != null) {
            List<Variable> vars = requireModel("onTrainEnd").variables();
            for (int i = 0; i < vars.size(); i++) vars.get(i).assign(bestWeights.get(i));
        }
    }

    /** The epoch training stopped at, or -1 if it ran to the end. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch with the best value of the monitored metric. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
