using Microsoft.Extensions.Time.Testing;
using UrbanTwin.Gateway.Ingestion;

namespace UrbanTwin.Gateway.Tests;

public sealed class ErrorRateLimiterTests
{
    [Fact]
    public void Flooding_device_gets_its_burst_then_the_refill_rate()
    {
        var time = new FakeTimeProvider();
        var limiter = new ErrorRateLimiter(time, burst: 5, perSecond: 2);

        var sent = Enumerable.Range(0, 100).Count(_ => limiter.TryAcquire("aq-westminster-01"));
        Assert.Equal(5, sent);
        Assert.Equal(95, limiter.SuppressedFor("aq-westminster-01"));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, Enumerable.Range(0, 100).Count(_ => limiter.TryAcquire("aq-westminster-01")));
    }

    [Fact]
    public void One_device_flooding_does_not_use_another_devices_budget()
    {
        var limiter = new ErrorRateLimiter(new FakeTimeProvider(), burst: 3, perSecond: 1);
        for (var i = 0; i < 1000; i++)
        {
            limiter.TryAcquire("aq-westminster-01");
        }

        Assert.True(limiter.TryAcquire("aq-camden-02"));
        Assert.Equal(0, limiter.SuppressedFor("aq-camden-02"));
    }

    [Fact]
    public void Bucket_never_refills_beyond_the_burst()
    {
        var time = new FakeTimeProvider();
        var limiter = new ErrorRateLimiter(time, burst: 4, perSecond: 10);
        limiter.TryAcquire("ff-oxford-st-01");

        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(4, Enumerable.Range(0, 50).Count(_ => limiter.TryAcquire("ff-oxford-st-01")));
    }

    [Fact]
    public void Idle_buckets_are_dropped_when_too_many_ids_are_tracked()
    {
        var time = new FakeTimeProvider();
        var limiter = new ErrorRateLimiter(time, burst: 2, perSecond: 1, maxTrackedDevices: 10);
        for (var i = 0; i < 10; i++)
        {
            limiter.TryAcquire($"hostile-{i:000}");
        }

        Assert.Equal(10, limiter.TrackedDevices);

        time.Advance(TimeSpan.FromSeconds(5));
        limiter.TryAcquire("aq-westminster-01");

        Assert.Equal(1, limiter.TrackedDevices);
        Assert.True(limiter.TryAcquire("aq-westminster-01"));
    }
}
