using UrbanTwin.Contracts.Readings;

namespace UrbanTwin.Simulator.Readings;

/// <summary>A device's own health channels: its battery voltage (steady) and the signal strength it sees (a few dB of fading).</summary>
internal sealed class DeviceRadio(SimulationRandom site, double minBattery, double maxBattery, double weakestRssi, double strongestRssi)
{
    private readonly double _battery = site.Range(minBattery, maxBattery);
    private readonly double _rssi = site.Range(weakestRssi, strongestRssi);

    public void Report(SimulationRandom random, int batterySlot, int rssiSlot, ref FieldValues values, ref byte present)
    {
        values[batterySlot] = Math.Round(_battery, 2);
        values[rssiSlot] = Math.Round(Math.Min(0, _rssi + random.Normal(0, 2)), 0);
        present |= (byte)((1 << batterySlot) | (1 << rssiSlot));
    }
}
