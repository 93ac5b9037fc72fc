using CompositeIndex.Tests.Methods.Pipeline;
using FsCheck;
using FsCheck.Fluent;

namespace CompositeIndex.Tests.Methods.Treatment;

public class OutlierTreatmentTests
{
    private static Panel Column(double[] a) =>
        PipelineTestData.Panel([.. a.SelectMany((v, i) => new[] { ($"u{i}", "1", "a", v), ($"u{i}", "1", "b", (double)i), ($"u{i}", "1", "c", (double)(i % 3)) })]);

    private static double[] A(PreparationResult p) => [.. p.Data.Units.Select(u => p.Data.GetValue("a", u, "1"))];

    private static readonly double[] Skewed = [.. Enumerable.Range(1, 20).Select(i => (double)i), 100, 200];

    [Fact]
    public void BoxCox_FailingColumn_AppliesShiftedBoxCox()
    {
        var p = PipelineTestData.Prepare(Column(Skewed), CompositeIndex.Treatment.BoxCox(0.5));
        var expected = Skewed.Select(x => (Math.Sqrt(x - 1 + 1) - 1) / 0.5).ToArray();
        Assert.Equal(expected, A(p), (x, y) => Math.Abs(x - y) < 1e-12);
        Assert.Equal(OutlierTransformation.BoxCox, Assert.Single(p.Reports.OfType<OutlierTreatmentReport>(), r => r.IndicatorId == "a").TransformationApplied);
    }

    [Fact]
    public void LogPlusOne_WinsorisingNotEnough_TransformsOriginalValues()
    {
        var p = PipelineTestData.Prepare(Column(Skewed), new OutlierTreatment { MaxWinsorizedPoints = 1, Transformation = OutlierTransformation.LogPlusOne });
        Assert.Equal(Skewed.Select(x => Math.Log(x - 1 + 1)).ToArray(), A(p), (x, y) => Math.Abs(x - y) < 1e-12);
    }

    [Fact]
    public void ExcludeAndOverrides_ApplyPerIndicator()
    {
        var excluded = PipelineTestData.Prepare(Column(Skewed), new OutlierTreatment { Exclude = ["a"] });
        Assert.Equal(Skewed, A(excluded));
        var overridden = PipelineTestData.Prepare(Column(Skewed), new OutlierTreatment
        {
            Overrides = System.Collections.Immutable.ImmutableSortedDictionary<string, OutlierTreatment>.Empty.Add("a", new OutlierTreatment { MaxWinsorizedPoints = 0, Transformation = OutlierTransformation.None }),
        });
        Assert.Equal(Skewed, A(overridden));
    }

    [Fact]
    public void Property_ColumnPassingTheCheck_IsLeftUnchanged() =>
        Prop.ForAll(
            Gen.Choose(-1000, 1000).ArrayOf().Where(a => a.Length >= 5 && a.Distinct().Count() > 2).ToArbitrary(),
            ints =>
            {
                var a = ints.Select(i => i / 10.0).ToArray();
                var p = PipelineTestData.Prepare(Column(a), new OutlierTreatment());
                var r = p.Reports.OfType<OutlierTreatmentReport>().Single(x => x.IndicatorId == "a");
                return !r.Before.Passed || A(p).SequenceEqual(a);
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void Property_TreatmentIsIdempotentOnItsOutputWhenWinsorisingSucceeds() =>
        Prop.ForAll(
            Gen.Choose(0, 1000).ArrayOf().Where(a => a.Length >= 8 && a.Distinct().Count() > 3).ToArbitrary(),
            ints =>
            {
                var a = ints.Select(i => Math.Pow(i / 100.0, 3)).ToArray();
                var step = new OutlierTreatment { Transformation = OutlierTransformation.None, MaxWinsorizedPoints = int.MaxValue };
                var once = A(PipelineTestData.Prepare(Column(a), step));
                var twice = A(PipelineTestData.Prepare(Column(once), step));
                return once.SequenceEqual(twice);
            }).QuickCheckThrowOnFailure();
}
