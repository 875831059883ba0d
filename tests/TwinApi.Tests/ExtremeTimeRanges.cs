namespace UrbanTwin.TwinApi.Tests;

/// <summary>
/// Time ranges at the ends of what a date can hold, for every route that takes <c>from</c> and
/// <c>to</c>: each is a 400 <c>bad-time-range</c> whose detail starts with the parameter at fault.
/// </summary>
public static class ExtremeTimeRanges
{
    public static TheoryData<string, string> All => new()
    {
        { "to=0001-01-01T00:00:01Z", "to" },
        { "from=0001-01-01T00:00:00Z&to=0001-01-01T02:00:00Z", "to" },
        { "from=0001-01-01T00:00:00Z&to=2030-01-01T00:00:00Z", "from" },
        { "from=1969-12-31T23:00:00Z&to=1970-01-01T01:00:00Z", "from" },
        { "to=1970-01-01T00:00:00Z", "from" },
        { "from=9999-12-31T23:59:59Z", "from" },
        { "to=9999-12-31T23:59:59-01:00", "to" },
        { "from=2030-02-30T00:00:00Z&to=2030-03-01T00:00:00Z", "from" },
    };
}
