namespace UrbanTwin.TimeSeries.Influx;

/// <summary>How the client authenticates: InfluxDB 1.x users (Basic), 2.x/3.x tokens, or nothing.</summary>
public enum InfluxAuth
{
    None = 0,
    Basic = 1,
    Token = 2,
}
