using System.Runtime.ExceptionServices;

namespace CompositeIndex;

/// <summary>What a <see cref="ForkJoin"/> runs: one item at a time, on a worker numbered 0 … workers − 1.</summary>
internal interface IForkJoinBody
{
    /// <summary>Runs one item. Items run concurrently on different workers; a worker runs its items one after another.</summary>
    /// <param name="item">The item, 0 … count − 1.</param>
    /// <param name="worker">The worker running it (for per-worker scratch), 0 … workers − 1.</param>
    void Run(int item, int worker);
}

/// <summary>
/// A reusable fork/join over items 0 … count − 1 on up to <c>workers</c> threads that allocates nothing once created:
/// the calling thread runs items itself, and the helpers are this object queued to the thread pool as an
/// <see cref="IThreadPoolWorkItem"/> (no task, closure or options object per loop, unlike <c>Parallel.For</c>). Items are
/// claimed one by one with an interlocked increment, so which thread runs which item varies, but each item writes only
/// its own outputs and the failure of the lowest failing item is the one rethrown (what a sequential loop would have
/// thrown first): the outcome is the same for any number of threads.
/// </summary>
/// <remarks>Owned by one evaluation or one <see cref="EvaluationBuffer"/>; runs one loop at a time (not thread-safe).</remarks>
internal sealed class ForkJoin : IThreadPoolWorkItem
{
    // The helpers' completion is signalled on this object (spin, then Monitor.Wait) rather than with a ManualResetEventSlim:
    // that event creates its lock object lazily on the first wait that blocks (24 B), so an evaluation that happened to block
    // for the first time after warm-up allocated. This gate exists from construction.
    private readonly object helpersGate = new();
    private readonly Lock failureLock = new();
    private IForkJoinBody? body;
    private int count;
    private int next;
    private int nextWorker;
    private int activeHelpers;
    private int lowestFailure;
    private ExceptionDispatchInfo? failure;
    private CancellationToken cancellationToken;

    /// <summary>
    /// Runs <paramref name="body"/> for every item on up to <paramref name="workers"/> threads and returns when all have
    /// run; rethrows the failure of the lowest failing item. With one worker (or one item) the items run in order on the
    /// calling thread and the first failure propagates at once.
    /// </summary>
    public void Run(IForkJoinBody body, int count, int workers, CancellationToken cancellationToken)
    {
        if (workers <= 1 || count <= 1)
        {
            for (var k = 0; k < count; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                body.Run(k, 0);
            }

            return;
        }

        this.body = body;
        this.count = count;
        this.cancellationToken = cancellationToken;
        next = 0;
        nextWorker = 0;
        lowestFailure = int.MaxValue;
        failure = null;
        var helpers = Math.Min(workers, count) - 1;
        Volatile.Write(ref activeHelpers, helpers);
        for (var h = 0; h < helpers; h++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        Work();
        WaitForHelpers(); // a helper may still be starting; it finds no item left and returns
        this.body = null;
        var thrown = failure;
        failure = null;
        thrown?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>The helper's side (thread pool).</summary>
    void IThreadPoolWorkItem.Execute()
    {
        try
        {
            Work();
        }
        finally
        {
            if (Interlocked.Decrement(ref activeHelpers) == 0)
            {
                lock (helpersGate)
                {
                    Monitor.PulseAll(helpersGate);
                }
            }
        }
    }

    /// <summary>Returns once every helper has left <see cref="Work"/>: spins briefly (helpers usually finish within
    /// microseconds of the caller), then blocks on <see cref="helpersGate"/> without allocating.</summary>
    private void WaitForHelpers()
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref activeHelpers) > 0 && !spinner.NextSpinWillYield)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        if (Volatile.Read(ref activeHelpers) == 0)
        {
            return;
        }

        lock (helpersGate)
        {
            // Re-checked under the gate: the last helper pulses under it, so the pulse cannot fall between check and wait.
            while (Volatile.Read(ref activeHelpers) > 0)
            {
                Monitor.Wait(helpersGate);
            }
        }
    }

    private void Work()
    {
        var worker = Interlocked.Increment(ref nextWorker) - 1;
        var run = body!;
        while (true)
        {
            var k = Interlocked.Increment(ref next) - 1;
            if (k >= count)
            {
                return;
            }

            // Items above a failed one need not run (their errors would not be thrown); items below it still run, so the
            // lowest failing item is found whatever the order in which threads claim items.
            if (cancellationToken.IsCancellationRequested || k > Volatile.Read(ref lowestFailure))
            {
                continue;
            }

            try
            {
                run.Run(k, worker);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                lock (failureLock)
                {
                    if (k < lowestFailure)
                    {
                        failure = ExceptionDispatchInfo.Capture(e);
                        Volatile.Write(ref lowestFailure, k);
                    }
                }
            }
        }
    }
}
