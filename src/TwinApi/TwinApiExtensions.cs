using UrbanTwin.ServiceDefaults;
using UrbanTwin.TwinApi.Access;
using UrbanTwin.TwinApi.Areas;
using UrbanTwin.TwinApi.Assets;
using UrbanTwin.TwinApi.Audit;
using UrbanTwin.TwinApi.DigitalTwins;
using UrbanTwin.TwinApi.Health;
using UrbanTwin.TwinApi.History;
using UrbanTwin.TwinApi.Json;
using UrbanTwin.TwinApi.OpenData;
using UrbanTwin.TwinApi.Problems;
using UrbanTwin.TwinApi.Telemetry;

namespace UrbanTwin.TwinApi;

/// <summary>The HTTP API's front door: services (<see cref="AddTwinApi"/>) and the request pipeline (<see cref="UseTwinApi"/>).</summary>
public static class TwinApiExtensions
{
    public static WebApplicationBuilder AddTwinApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddApiProblemDetails();
        builder.AddRequestLimits();
        builder.Services.AddApiJson();
        builder.Services.AddAccessControl();
        builder.Services.AddAuditLog();
        builder.Services.AddTwinHealthChecks();
        builder.Services.AddOpenApi(options => options
            .AddDocumentTransformer<UrbanTwin.TwinApi.Reference.BearerSecurityScheme>()
            .AddDocumentTransformer<UrbanTwin.TwinApi.Reference.ApiDocument>()
            .AddDocumentTransformer<UrbanTwin.TwinApi.DigitalTwins.Http.AdtSchemas>()
            .AddOperationTransformer<UrbanTwin.TwinApi.Reference.ProblemResponses>());
        builder.Services.AddSingleton(UrbanTwin.Grains.Abstractions.Spatial.GeoFactory.Wgs84);
        builder.Services.AddValidatedOptions<AreaOptions>(AreaOptions.Section);
        builder.Services.AddSingleton<AreaCatalog>();
        builder.Services.AddHostedService<AreaRefresh>();
        builder.Services.AddSingleton<Fleet>();
        builder.Services.AddOpenData();
        builder.Services.AddHistory();
        builder.Services.AddDigitalTwins();
        builder.AddIngestTracing();
        return builder;
    }

    public static WebApplication UseTwinApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLimits();
        app.UseRateLimiter();
        app.UseAccessControl();
        return app;
    }
}
