namespace UrbanTwin.Contracts.Fields;

/// <summary>Value slots of an air-quality reading (see <see cref="ContractSchemas.AirQualityTelemetry"/>).</summary>
public static class AirQualityField
{
    public const int Pm25 = 0;
    public const int Pm10 = 1;
    public const int No2 = 2;
    public const int O3 = 3;
    public const int Temperature = 4;
    public const int Humidity = 5;
    public const int Battery = 6;
    public const int Rssi = 7;
}
