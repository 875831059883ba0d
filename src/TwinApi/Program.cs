using UrbanTwin.Grains.Hosting;
using UrbanTwin.TwinApi.Health;

var builder = WebApplication.CreateBuilder(args);

builder.AddUrbanTwinSilo();
builder.Services.AddProblemDetails();
builder.Services.AddTwinHealthChecks();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthEndpoints();

app.Run();
