package dev.jtensor.spark;

import dev.jtensor.InvalidArgumentException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A DataFrame's rows as {@link Example}s: the feature columns, each a number or an array of
 * numbers, concatenated in the order given, and a target column of the same kinds. The schema is
 * checked on the driver before any job runs.
 */
final class Rows {

    private Rows() {
    }

    /** The examples of {@code data}, checked against its schema first. */
    static JavaRDD<Example> examples(Dataset<Row> data, List<String> featureColumns, String targetColumn) {
        if (data == null) throw new InvalidArgumentException("SparkTrainer.fit: data is null");
        if (featureColumns == null) throw new InvalidArgumentException("SparkTrainer.fit: featureColumns is null");
        if (targetColumn == null) throw new InvalidArgumentException("SparkTrainer.fit: targetColumn is null");
        for (int i = 0; i < featureColumns.size(); i++) {
            if (featureColumns.get(i) == null) {
                throw new InvalidArgumentException("SparkTrainer.fit: featureColumns[" + i + "] is null");
            }
        }
        if (featureColumns.isEmpty()) throw new InvalidArgumentException("SparkTrainer.fit: featureColumns is empty");
        StructType schema = data.schema();
        List<String> columns = new ArrayList<>(featureColumns);
        columns.add(targetColumn);
        for (String c : columns) requireNumeric(schema, c);
        Converter converter = new Converter(featureColumns.toArray(String[]::new), targetColumn);
        return data.select(columns.stream().map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new)).toJavaRDD().map(converter::example);
    }

    private static void requireNumeric(StructType schema, String column) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new InvalidArgumentException("SparkTrainer.fit: no column '" + column + "' in the Dataset; it has "
                    + Arrays.toString(schema.fieldNames()));
        }
        StructField field = schema.apply(column);
        DataType type = field.dataType();
        boolean numeric = type instanceof NumericType
                || type instanceof ArrayType array && array.elementType() instanceof NumericType;
        if (!numeric) {
            throw new InvalidArgumentException("SparkTrainer.fit: column '" + column + "' is " + type.simpleString()
                    + "; features and targets must be numbers or arrays of numbers");
        }
    }

    /** Row to example, on the executors: the selected columns come first to last, features then target. */
    record Converter(String[] features, String target) implements Serializable {

        Example example(Row row) {
            List<Float> values = new ArrayList<>();
            for (int i = 0; i < features.length; i++) add(row, i, features[i], values);
            List<Float> target = new ArrayList<>();
            add(row, features.length, this.target, target);
            return new Example(toArray(values), toArray(target));
        }

        private static void add(Row row, int i, String column, List<Float> out) {
            if (row.isNullAt(i)) {
                throw new InvalidArgumentException("SparkTrainer: a row has null in column '" + column + "': " + row);
            }
            Object v = row.get(i);
            if (v instanceof Number n) {
                out.add(n.floatValue());
                return;
            }
            for (Object item : row.getList(i)) {
                if (!(item instanceof Number n)) {
                    throw new InvalidArgumentException("SparkTrainer: a row has null in the array of column '" + column
                            + "': " + row);
                }
                out.add(n.floatValue());
            }
        }

        private static float[] toArray(List<Float> values) {
            float[] a = new float[values.size()];
            for (int i = 0; i < a.length; i++) a[i] = values.get(i);
            return a;
        }
    }
}
