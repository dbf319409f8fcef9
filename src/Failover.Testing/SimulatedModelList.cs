using System;
using System.Collections.Generic;
using System.Linq;

namespace Failover.Testing;

/// <summary>
/// The scripted model list of one provider (<see cref="ProviderSimulator.ModelList(SimulatedProvider)"/>): which models
/// exist, how many per page, and a fault. Until a model is added, OpenAI's list falls back to the scripted models
/// (<see cref="ProviderSimulator.Model(string)"/>) that are not switched off, and the other providers list nothing.
/// Thread-safe.
/// </summary>
public sealed class SimulatedModelList
{
    private readonly object _gate = new();
    private readonly List<SimulatedListedModel> _models = new();
    private bool _scripted;
    private int _pageSize;
    private ModelListFault _fault;

    internal SimulatedModelList(SimulatedProvider provider, int pageSize)
    {
        Provider = provider;
        _pageSize = pageSize;
    }

    /// <summary>The provider whose list this is.</summary>
    public SimulatedProvider Provider { get; }

    /// <summary>Whether models were added (or the list cleared) so the scripted list is served.</summary>
    public bool IsScripted
    {
        get
        {
            lock (_gate)
            {
                return _scripted;
            }
        }
    }

    /// <summary>
    /// The most models on one page, whatever the client asks for (1000 by default, the providers' own cap); set it low to
    /// make a client page. Without a page size in the request the providers' defaults apply (Anthropic <c>limit</c> 20,
    /// Gemini <c>pageSize</c> 50). OpenAI's list is never paged.
    /// </summary>
    public int PageSize
    {
        get
        {
            lock (_gate)
            {
                return _pageSize;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            lock (_gate)
            {
                _pageSize = value;
            }
        }
    }

    /// <summary>How the endpoint misbehaves; <see cref="ModelListFault.None"/> by default.</summary>
    public ModelListFault Fault
    {
        get
        {
            lock (_gate)
            {
                return _fault;
            }
        }

        set
        {
            lock (_gate)
            {
                _fault = value;
            }
        }
    }

    /// <summary>The listed models, in list order.</summary>
    public IReadOnlyList<SimulatedListedModel> Models
    {
        get
        {
            lock (_gate)
            {
                return _models.ToArray();
            }
        }
    }

    /// <summary>Adds a model, or replaces the one with the same id.</summary>
    /// <param name="model">The model.</param>
    /// <returns>This list, for chaining.</returns>
    public SimulatedModelList Add(SimulatedListedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(model.Id);
        lock (_gate)
        {
            _scripted = true;
            var at = _models.FindIndex(m => m.Id == model.Id);
            if (at >= 0)
            {
                _models[at] = model;
            }
            else
            {
                _models.Add(model);
            }
        }

        return this;
    }

    /// <summary>Adds a model with only an id.</summary>
    /// <param name="id">The model name.</param>
    /// <returns>This list, for chaining.</returns>
    public SimulatedModelList Add(string id) => Add(new SimulatedListedModel(id));

    /// <summary>Stops listing a model (the way a provider shows a retired model).</summary>
    /// <param name="id">The model name.</param>
    /// <returns>Whether it was listed.</returns>
    public bool Remove(string id)
    {
        lock (_gate)
        {
            _scripted = true;
            return _models.RemoveAll(m => m.Id == id) > 0;
        }
    }

    /// <summary>Lists no models (an empty but scripted list).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _scripted = true;
            _models.Clear();
        }
    }

    internal (IReadOnlyList<SimulatedListedModel> Models, ModelListFault Fault, int PageSize) Snapshot()
    {
        lock (_gate)
        {
            return (_models.ToArray(), _fault, _pageSize);
        }
    }

    internal static int IndexAfter(IReadOnlyList<SimulatedListedModel> models, string? afterId) =>
        string.IsNullOrEmpty(afterId) ? 0 : models.Select(m => m.Id).ToList().IndexOf(afterId) + 1;
}
