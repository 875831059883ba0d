namespace UrbanTwin.TwinApi.DigitalTwins.Query;

public enum QueryDirection
{
    Forward,
    Backward,
    Either,
}
