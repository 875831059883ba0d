using UrbanTwin.Contracts.Fields;
using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Simulator.Readings;

/// <summary>
/// A pedestrian counter on a high street: a site volume of 1,500 to 20,000 people on a weekday,
/// spread over the day by the real counter's shape (<see cref="DailyActivity"/>: rush hours on
/// weekdays, the midday hump at weekends), people arriving at random (Poisson) and each going in
/// or out at the site's split.
/// </summary>
internal sealed class FootfallModel : ReadingModel
{
    private readonly double _weekdayVolume;
    private readonly double _inShare;
    private readonly DeviceRadio _radio;

    public FootfallModel(SimulationRandom site)
    {
        _weekdayVolume = site.LogRange(1_500, 20_000);
        _inShare = site.Range(0.45, 0.55);
        _radio = new DeviceRadio(site, 3.6, 4.1, -100, -55);
    }

    public override MessageSchema Schema => ContractSchemas.FootfallTelemetry;

    public override FaultProfile Faults { get; } = new(
        [(FootfallField.CountIn, 0), (FootfallField.CountOut, 0)],
        [FootfallField.CountIn, FootfallField.CountOut],
        []);

    public override void Measure(long utcMs, int intervalSeconds, SimulationRandom random, ref FieldValues values, ref byte present)
    {
        // The counting interval ends at the reading's time; its middle decides the hour.
        var (hour, weekend) = LondonTime.Of(utcMs - (intervalSeconds * 500L));
        var expected = _weekdayVolume * DailyActivity.ShareOfWeekday(hour, weekend) * intervalSeconds / 3600;
        var people = Math.Min(random.Poisson(expected), 100_000);
        var countIn = random.Binomial(people, _inShare);

        Set(ref values, ref present, FootfallField.Interval, intervalSeconds);
        Set(ref values, ref present, FootfallField.CountIn, countIn);
        Set(ref values, ref present, FootfallField.CountOut, people - countIn);
        _radio.Report(random, FootfallField.Battery, FootfallField.Rssi, ref values, ref present);
    }
}
