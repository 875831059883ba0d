using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Simulator.Readings;

/// <summary>
/// An air-quality station: NO2 and PM2.5 replay London Westminster's real hours
/// (<see cref="WestminsterAir"/>), scaled by the site (kerbside stations see up to about 2.4× the
/// background NO2), raised in city-wide <see cref="PollutionEpisodes"/>, with a few percent of
/// sensor noise. PM10 follows PM2.5 at a site ratio of 1.35–1.75 (London's typical PM2.5/PM10 ≈ 0.6–0.7).
/// O3 peaks in the afternoon and is eaten by NO2 at the kerb. Temperature follows London's monthly
/// mean with a day's swing peaking at 15:00 and a day's weather; humidity falls as it warms.
/// </summary>
internal sealed class AirQualityModel : ReadingModel
{
    // London (St James's Park) monthly mean temperatures, °C, 1991–2020 climate normals (rounded).
    private static readonly double[] MonthlyMean = [5.8, 6.2, 8.5, 11.2, 14.5, 17.6, 19.8, 19.5, 16.6, 12.9, 8.9, 6.4];
    private const long DayMs = 86_400_000;

    private readonly int _seed;
    private readonly double _no2Site;
    private readonly double _pmSite;
    private readonly double _pm10Ratio;
    private readonly double _temperatureOffset;
    private readonly DeviceRadio _radio;

    public AirQualityModel(int seed, SimulationRandom site)
    {
        _seed = seed;
        _no2Site = site.LogRange(1.0, 2.4);
        _pmSite = site.Range(0.85, 1.3);
        _pm10Ratio = site.Range(1.35, 1.75);
        _temperatureOffset = site.Normal(0, 0.4);
        _radio = new DeviceRadio(site, 3.7, 4.15, -105, -60);
    }

    public override MessageSchema Schema => ContractSchemas.AirQualityTelemetry;

    public override FaultProfile Faults { get; } = new(
        [(AirQualityField.No2, double.NaN)],
        [AirQualityField.Pm25, AirQualityField.Pm10],
        [AirQualityField.Pm25, AirQualityField.Pm10, AirQualityField.No2, AirQualityField.O3]);

    public override void Measure(long utcMs, int intervalSeconds, SimulationRandom random, ref FieldValues values, ref byte present)
    {
        var (no2Background, pm25Background) = WestminsterAir.At(utcMs);
        var episode = PollutionEpisodes.ParticulateFactor(_seed, utcMs);
        var no2 = no2Background * _no2Site * PollutionEpisodes.No2Factor(episode) * Noise(random, 0.08);
        var pm25 = pm25Background * _pmSite * episode * Noise(random, 0.06);
        var pm10 = pm25 * _pm10Ratio * Noise(random, 0.05);

        var (hour, _) = LondonTime.Of(utcMs);
        var afternoon = Math.Cos(2 * Math.PI * (hour - 15) / 24);
        var o3 = Math.Max(0, 70 + (25 * afternoon) - (0.6 * no2) + random.Normal(0, 4));

        var day = utcMs / DayMs;
        var month = LondonTime.MonthOf(utcMs);
        var swing = month is >= 4 and <= 9 ? 4.0 : 2.5;
        var weather = 2.5 * ((2 * SimulationRandom.HashUnit(_seed, day, 7)) - 1);
        var warmth = swing * afternoon;
        var temperature = MonthlyMean[month - 1] + weather + warmth + _temperatureOffset + random.Normal(0, 0.2);
        var humidity = Math.Clamp(76 - (3.2 * warmth) - (2 * weather) + random.Normal(0, 1.5), 20, 100);

        Set(ref values, ref present, AirQualityField.Pm25, Math.Round(Math.Min(pm25, 1000), 1));
        Set(ref values, ref present, AirQualityField.Pm10, Math.Round(Math.Min(pm10, 2000), 1));
        Set(ref values, ref present, AirQualityField.No2, Math.Round(Math.Min(no2, 2000), 1));
        Set(ref values, ref present, AirQualityField.O3, Math.Round(Math.Min(o3, 1000), 1));
        Set(ref values, ref present, AirQualityField.Temperature, Math.Round(Math.Clamp(temperature, -50, 70), 1));
        Set(ref values, ref present, AirQualityField.Humidity, Math.Round(humidity, 1));
        _radio.Report(random, AirQualityField.Battery, AirQualityField.Rssi, ref values, ref present);
    }

    private static double Noise(SimulationRandom random, double relative) => Math.Max(0, 1 + random.Normal(0, relative));
}
