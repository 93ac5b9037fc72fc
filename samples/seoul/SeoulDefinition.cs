// The Seoul "Walking Together with the Vulnerable Index" (약자동행지수) built with the fluent API.
// The same definition as seoul.json (see README.md for what is published and what is inferred).
using System.Collections.Immutable;

namespace CompositeIndex.Samples.Seoul;

/// <summary>Builds the Seoul index definition: 6 areas, 50 indicators, base year 2022 = 100.</summary>
public static class SeoulDefinition
{
    /// <summary>The base period (2022 = 100).</summary>
    public const string BasePeriod = "2022";

    /// <summary>The ids of the six areas, in publication order.</summary>
    public static ImmutableArray<string> Areas { get; } = ["livelihood", "housing", "health", "education", "safety", "integration"];

    /// <summary>Creates the definition.</summary>
    /// <returns>The validated definition.</returns>
    public static IndexDefinition Build() => Create().Build();

    /// <summary>Creates a builder pre-filled with the definition, to change before building.</summary>
    /// <returns>The builder.</returns>
    public static IndexBuilder Create() =>
        IndexBuilder.Create("seoul-vulnerable", "Walking Together with the Vulnerable Index")
            .Name("en", "Walking Together with the Vulnerable Index")
            .Name("ko", "약자동행지수")
            .Version("2024")
            .Description("Seoul Metropolitan Government / Seoul Institute. Indicator index = 100 x value / value in 2022 (reciprocal for lower-is-better indicators); area = mean of its available indicator indices; overall = mean of all available indicator indices. Reproduced from published values; the method is inferred (see samples/seoul/README.md).")
            .Description("ko", "서울특별시·서울연구원. 지표 지수 = 100 × 값 / 2022년 값(낮을수록 좋은 지표는 역수). 영역 = 그 영역에서 값이 있는 지표 지수의 평균, 종합 = 값이 있는 모든 지표 지수의 평균. 공표된 값으로부터 재현했으며 산식은 추정한 것이다(samples/seoul/README.md 참조).")
            .Metadata("source", "https://seoul.go.kr/policy/view.do?id=56")
            .Normalize(Normalization.RatioToBase(BasePeriod, InversionRule.Reciprocal))
            .Aggregate(Aggregation.Arithmetic())
            .MissingData(MissingData.Renormalize())
            .Indicator("L01", i => i.Name("Work satisfaction of households receiving Seoul Didimdol Income").Name("en", "Work satisfaction of households receiving Seoul Didimdol Income").Name("ko", "서울디딤돌소득 지원 가구의 일에 대한 만족도").MeasurementUnit("score(0-100)"))
            .Indicator("L02", i => i.Name("Provision rate of gap childcare for infants").Name("en", "Provision rate of gap childcare for infants").Name("ko", "영유아기 틈새돌봄 제공률").MeasurementUnit("%"))
            .Indicator("L03", i => i.Name("Young carers linked to welfare services").Name("en", "Young carers linked to welfare services").Name("ko", "가족돌봄청소년 복지서비스 연계 규모").MeasurementUnit("persons"))
            .Indicator("L04", i => i.Name("Support rate of households in crisis").Name("en", "Support rate of households in crisis").Name("ko", "위기가구 지원율").MeasurementUnit("%"))
            .Indicator("L05", i => i.Name("Small businesses in crisis identified and supported").Name("en", "Small businesses in crisis identified and supported").Name("ko", "위기 소상공인 발굴지원 규모").MeasurementUnit("count"))
            .Indicator("L06", i => i.Name("Retention rate in low-income asset-building schemes").Name("en", "Retention rate in low-income asset-building schemes").Name("ko", "저소득층 자산형성 유지율").MeasurementUnit("%"))
            .Indicator("L07", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("count").Metadata("placeholder", "true"))
            .Indicator("L08", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("count").Metadata("placeholder", "true"))
            .Indicator("L09", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("%").Metadata("placeholder", "true"))
            .Indicator("L10", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("%").Metadata("placeholder", "true"))
            .Indicator("L11", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("count").Metadata("placeholder", "true"))
            .Indicator("L12", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("%").Metadata("placeholder", "true"))
            .Indicator("H01", i => i.Name("Public rental housing stock").Name("en", "Public rental housing stock").Name("ko", "공공임대주택 재고 수").MeasurementUnit("units"))
            .Indicator("H02", i => i.Name("Housing-environment improvements for housing-vulnerable households").Name("en", "Housing-environment improvements for housing-vulnerable households").Name("ko", "주거취약계층의 주거환경 개선 규모").MeasurementUnit("households"))
            .Indicator("H03", i => i.Name("Share of young households overburdened by housing costs").Name("en", "Share of young households overburdened by housing costs").Name("ko", "청년 주거비 과부담 가구 비율").MeasurementUnit("%").LowerIsBetter())
            .Indicator("H04", i => i.Name("Housing upgrades for the housing-vulnerable").Name("en", "Housing upgrades for the housing-vulnerable").Name("ko", "주거 취약계층 주거상향 지원 규모").MeasurementUnit("households"))
            .Indicator("H05", i => i.Name("Tailored housing support for vulnerable groups").Name("en", "Tailored housing support for vulnerable groups").Name("ko", "취약계층 맞춤형 주택지원 규모").MeasurementUnit("units"))
            .Indicator("H06", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("count").Metadata("placeholder", "true"))
            .Indicator("M01", i => i.Name("Disability-friendly medical institutions").Name("en", "Disability-friendly medical institutions").Name("ko", "장애친화적 의료기관 확보 규모").MeasurementUnit("institutions"))
            .Indicator("M02", i => i.Name("Mental-health support for children, adolescents and youth").Name("en", "Mental-health support for children, adolescents and youth").Name("ko", "아동청소년·청년 마음건강 지원 규모").MeasurementUnit("persons"))
            .Indicator("M03", i => i.Name("Management rate of the high suicide-risk group").Name("en", "Management rate of the high suicide-risk group").Name("ko", "자살고위험군 관리율").MeasurementUnit("%"))
            .Indicator("M04", i => i.Name("Dementia patient case-management rate").Name("en", "Dementia patient case-management rate").Name("ko", "치매환자 사례관리율").MeasurementUnit("%"))
            .Indicator("M05", i => i.Name("Community mental-health registration rate").Name("en", "Community mental-health registration rate").Name("ko", "지역사회 정신건강 등록관리율").MeasurementUnit("%"))
            .Indicator("M06", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("count").Metadata("placeholder", "true"))
            .Indicator("M07", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("%").Metadata("placeholder", "true"))
            .Indicator("M08", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("count").Metadata("placeholder", "true"))
            .Indicator("M09", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("%").Metadata("placeholder", "true"))
            .Indicator("M10", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("count").Metadata("placeholder", "true"))
            .Indicator("E01", i => i.Name("Tailored support for the educationally marginalised").Name("en", "Tailored support for the educationally marginalised").Name("ko", "교육 소외계층 맞춤형 지원 규모").MeasurementUnit("persons"))
            .Indicator("E02", i => i.Name("Learning competence of vulnerable children").Name("en", "Learning competence of vulnerable children").Name("ko", "취약계층 아동의 학습역량 수준").MeasurementUnit("score"))
            .Indicator("E03", i => i.Name("Share of barrier-free performances in public venues").Name("en", "Share of barrier-free performances in public venues").Name("ko", "공공 공연장 배리어프리 공연 비율").MeasurementUnit("%"))
            .Indicator("E04", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("count").Metadata("placeholder", "true"))
            .Indicator("E05", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("%").Metadata("placeholder", "true"))
            .Indicator("E06", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("count").Metadata("placeholder", "true"))
            .Indicator("E07", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("%").Metadata("placeholder", "true"))
            .Indicator("E08", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("count").Metadata("placeholder", "true"))
            .Indicator("S01", i => i.Name("Isolated and reclusive youth identified and supported").Name("en", "Isolated and reclusive youth identified and supported").Name("ko", "고립·은둔청년 발굴·지원 규모").MeasurementUnit("persons"))
            .Indicator("S02", i => i.Name("Crime-prevention CCTV installation rate").Name("en", "Crime-prevention CCTV installation rate").Name("ko", "범죄예방 CCTV 설치율").MeasurementUnit("%"))
            .Indicator("S03", i => i.Name("Pedestrian traffic-accident rate of mobility-impaired people").Name("en", "Pedestrian traffic-accident rate of mobility-impaired people").Name("ko", "교통약자의 보행 교통사고 발생률").MeasurementUnit("per 100k").LowerIsBetter())
            .Indicator("S04", i => i.Name("Transport satisfaction of mobility-impaired people").Name("en", "Transport satisfaction of mobility-impaired people").Name("ko", "교통약자의 교통수단 이용만족도").MeasurementUnit("score(0-100)"))
            .Indicator("S05", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("count").Metadata("placeholder", "true"))
            .Indicator("S06", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("%").Metadata("placeholder", "true"))
            .Indicator("S07", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("count").Metadata("placeholder", "true"))
            .Indicator("S08", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("%").Metadata("placeholder", "true"))
            .Indicator("S09", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("count").Metadata("placeholder", "true"))
            .Indicator("I01", i => i.Name("Sense of social belonging of multicultural residents").Name("en", "Sense of social belonging of multicultural residents").Name("ko", "다문화 구성원의 사회소속감 (name truncated in source)").MeasurementUnit("%"))
            .Indicator("I02", i => i.Name("Volunteering participation rate").Name("en", "Volunteering participation rate").Name("ko", "자원봉사 참여율").MeasurementUnit("%"))
            .Indicator("I03", i => i.Name("Donation experience rate").Name("en", "Donation experience rate").Name("ko", "기부 경험률").MeasurementUnit("%"))
            .Indicator("I04", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("%").Metadata("placeholder", "true"))
            .Indicator("I05", i => i.Name("(placeholder: name not public)").Name("en", "(placeholder: name not public)").MeasurementUnit("%").Metadata("placeholder", "true"))
            .Group("livelihood", g => g.Name("Livelihood & Care").Name("en", "Livelihood & Care").Name("ko", "생계·돌봄")
                .Add("L01", "L02", "L03", "L04", "L05", "L06", "L07", "L08", "L09", "L10", "L11", "L12"))
            .Group("housing", g => g.Name("Housing").Name("en", "Housing").Name("ko", "주거")
                .Add("H01", "H02", "H03", "H04", "H05", "H06"))
            .Group("health", g => g.Name("Medical & Health").Name("en", "Medical & Health").Name("ko", "의료·건강")
                .Add("M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M09", "M10"))
            .Group("education", g => g.Name("Education & Culture").Name("en", "Education & Culture").Name("ko", "교육·문화")
                .Add("E01", "E02", "E03", "E04", "E05", "E06", "E07", "E08"))
            .Group("safety", g => g.Name("Safety").Name("en", "Safety").Name("ko", "안전")
                .Add("S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08", "S09"))
            .Group("integration", g => g.Name("Social Integration").Name("en", "Social Integration").Name("ko", "사회통합")
                .Add("I01", "I02", "I03", "I04", "I05"))
            .Group("seoul", g => g.Name("Walking Together with the Vulnerable Index").Name("en", "Walking Together with the Vulnerable Index").Name("ko", "약자동행지수")
                .Add("livelihood", "housing", "health", "education", "safety", "integration")
                .WeightByIndicatorCount())
            .Root("seoul")

            // Published values: 1 decimal (half up; no published value lies on a tie, so the tie rule is not identifiable).
            .Output("livelihood", OutputExpressions.Score("livelihood"), o => o.Name("Livelihood & Care").Name("en", "Livelihood & Care").Name("ko", "생계·돌봄").Round(1))
            .Output("housing", OutputExpressions.Score("housing"), o => o.Name("Housing").Name("en", "Housing").Name("ko", "주거").Round(1))
            .Output("health", OutputExpressions.Score("health"), o => o.Name("Medical & Health").Name("en", "Medical & Health").Name("ko", "의료·건강").Round(1))
            .Output("education", OutputExpressions.Score("education"), o => o.Name("Education & Culture").Name("en", "Education & Culture").Name("ko", "교육·문화").Round(1))
            .Output("safety", OutputExpressions.Score("safety"), o => o.Name("Safety").Name("en", "Safety").Name("ko", "안전").Round(1))
            .Output("integration", OutputExpressions.Score("integration"), o => o.Name("Social Integration").Name("en", "Social Integration").Name("ko", "사회통합").Round(1))
            .Output("overall", OutputExpressions.Score("seoul"), o => o.Name("Walking Together with the Vulnerable Index").Name("en", "Walking Together with the Vulnerable Index").Name("ko", "약자동행지수").Round(1).Rank());
}
