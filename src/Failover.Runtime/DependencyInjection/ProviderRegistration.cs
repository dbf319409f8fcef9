using System;
using Microsoft.Extensions.AI;

namespace Failover;

/// <summary>A provider name bound to the factory of its <see cref="IChatClient"/>, or to the reason it cannot work.</summary>
/// <param name="Name">The provider name used in model ids.</param>
/// <param name="Factory">Creates the client; null when <paramref name="Problem"/> says why there is none.</param>
/// <param name="Problem">Why the provider cannot be used (a missing API key), reported at startup when a route needs it.</param>
internal sealed record ProviderRegistration(string Name, Func<IServiceProvider, IChatClient>? Factory, string? Problem);
