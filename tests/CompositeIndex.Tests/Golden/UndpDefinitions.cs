namespace CompositeIndex.Tests.Golden;

/// <summary>
/// UNDP's HDI, GDI and IHDI written with the fluent API from the HDR 2023/2024 Technical notes (TN1–TN3);
/// samples/gallery/{hdi,gdi,ihdi}/*.json are the same definitions as JSON (a test checks they are equal).
/// </summary>
internal static class UndpDefinitions
{
    /// <summary>Units ranked by UNDP: countries, not the regional and HDI-group aggregates (is_aggregate = 1).</summary>
    public static readonly UnitFilter Countries = new("is_aggregate", ["0"]);

    /// <summary>The options that read a file as UNDP publishes it (the definition adds its own columns).</summary>
    public static CsvOptions Csv(IndexDefinition definition) =>
        new CsvOptions { UnitColumn = "iso3", PeriodColumn = "year", UnitNameColumn = "country" }.ForDefinition(definition);

    public static IndexBuilder HdiTree(string id, string name, string root, GroupAdjustment? health = null, GroupAdjustment? education = null, GroupAdjustment? income = null) =>
        IndexBuilder.Create(id, name)
            .Version("HDR 2023/24")
            .Indicator("le", i => i.Name("Life expectancy at birth").MeasurementUnit("years").Normalize(Normalization.Goalposts(20, 85)))
            .Indicator("eys", i => i.Name("Expected years of schooling").MeasurementUnit("years").Normalize(Normalization.Goalposts(0, 18)))
            .Indicator("mys", i => i.Name("Mean years of schooling").MeasurementUnit("years").Normalize(Normalization.Goalposts(0, 15)))
            .Indicator("gnipc", i => i.Name("GNI per capita").MeasurementUnit("2017 PPP $").Normalize(Normalization.Goalposts(100, 75_000, log: true)))
            .Group("health", g => Adjust(g.Name("Long and healthy life").Add("le"), health))
            .Group("education", g => Adjust(g.Name("Knowledge").Add("eys", "mys").Aggregate(Aggregation.Arithmetic()), education))
            .Group("income", g => Adjust(g.Name("A decent standard of living").Add("gnipc"), income))
            .Group(root, g => g.Add("health", "education", "income").Aggregate(Aggregation.Geometric()))
            .MissingData(MissingData.Propagate() with { OutOfDomainAsMissing = true });

    public static IndexDefinition Hdi() =>
        HdiTree("hdi", "Human Development Index", "hdi")
            .Output("hdi", OutputExpressions.Score("hdi"), o => o.Name("Human Development Index").Round(3).Rank(Countries)
                .Class("Very High", min: 0.8).Class("High", 0.7, 0.8).Class("Medium", 0.55, 0.7).Class("Low", max: 0.55))
            .Build();

    public static IndexDefinition Gdi() =>
        HdiTree("gdi", "Gender Development Index", "hdi")
            .Variant("female", v => v.Column("le", "le_f").Column("eys", "eys_f").Column("mys", "mys_f").Column("gnipc", "gni_pc_f")
                .Normalize("le", Normalization.Goalposts(22.5, 87.5)))
            .Variant("male", v => v.Column("le", "le_m").Column("eys", "eys_m").Column("mys", "mys_m").Column("gnipc", "gni_pc_m")
                .Normalize("le", Normalization.Goalposts(17.5, 82.5)))
            .Output("hdi_f", OutputExpressions.Score("hdi", "female"), o => o.Name("HDI, female"))
            .Output("hdi_m", OutputExpressions.Score("hdi", "male"), o => o.Name("HDI, male"))
            .Output("gdi", OutputExpressions.Ratio(OutputExpressions.Score("hdi", "female"), OutputExpressions.Score("hdi", "male")), o => o.Name("Gender Development Index").Round(3)
                .Class("1", 0.975, 1.025, maxInclusive: true)
                .Class("2", 0.95, 0.975).Class("2", 1.025, 1.05, minInclusive: false, maxInclusive: true)
                .Class("3", 0.925, 0.95).Class("3", 1.05, 1.075, minInclusive: false, maxInclusive: true)
                .Class("4", 0.9, 0.925).Class("4", 1.075, 1.1, minInclusive: false, maxInclusive: true)
                .Class("5", max: 0.9).Class("5", min: 1.1, minInclusive: false))
            .Build();

    public static IndexDefinition Ihdi()
    {
        static GroupAdjustment Ineq(string column) => new(column) { Scale = 0.01 };
        return HdiTree("ihdi", "Inequality-adjusted Human Development Index", "ihdi", Ineq("ineq_le"), Ineq("ineq_edu"), Ineq("ineq_inc"))
            .Variant("ihdi")
            .Variant("hdi", v => v.ApplyAdjustments(false))
            .Output("ihdi", OutputExpressions.Score("ihdi", "ihdi"), o => o.Name("Inequality-adjusted HDI").Round(3))
            .Output("hdi", OutputExpressions.Score("ihdi", "hdi"), o => o.Name("Human Development Index").Round(3))
            .Output("coef_ineq", OutputExpressions.Mean(null, OutputExpressions.Column("ineq_le"), OutputExpressions.Column("ineq_edu"), OutputExpressions.Column("ineq_inc")), o => o.Name("Coefficient of human inequality (%)"))
            .Output("loss", OutputExpressions.Product(OutputExpressions.Constant(100), OutputExpressions.Difference(OutputExpressions.Constant(1), OutputExpressions.Ratio(OutputExpressions.Output("ihdi"), OutputExpressions.Output("hdi")))), o => o.Name("Overall loss (%)"))
            .Build();
    }

    private static GroupBuilder Adjust(GroupBuilder g, GroupAdjustment? adjustment) => adjustment is null ? g : g.Adjust(adjustment);
}
