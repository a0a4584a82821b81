using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace CompiledNN.Runtime;

/// <summary>Work split into numbered chunks that any thread may run, in any order, each on its own outputs.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IChunkWork
{
    /// <summary>Runs one chunk.</summary>
    /// <param name="chunk">The chunk, from 0 to the count given to <see cref="BatchParallelism.Run"/> − 1.</param>
    /// <param name="worker">The running thread's slot, from 0 (the calling thread) to <see cref="BatchParallelism.MaxWorkers"/> − 1; no two threads run with the same slot at once, so per-slot scratch needs no lock.</param>
    /// <param name="spans">The caller's spans, valid until <see cref="BatchParallelism.Run"/> returns.</param>
    void RunChunk(int chunk, int worker, in BatchSpans spans);
}

/// <summary>
/// The caller's spans, handed to the threads that run the chunks. The memory is pinned by
/// <see cref="BatchParallelism.Run"/> for as long as it runs, which is as long as these spans may be used.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly unsafe struct BatchSpans
{
    private readonly float* _inputs;
    private readonly float* _targets;
    private readonly int* _classes;
    private readonly float* _outputs;
    private readonly int _inputsLength;
    private readonly int _targetsLength;
    private readonly int _classesLength;
    private readonly int _outputsLength;

    internal BatchSpans(float* inputs, int inputsLength, float* targets, int targetsLength, int* classes, int classesLength, float* outputs, int outputsLength)
    {
        _inputs = inputs;
        _inputsLength = inputsLength;
        _targets = targets;
        _targetsLength = targetsLength;
        _classes = classes;
        _classesLength = classesLength;
        _outputs = outputs;
        _outputsLength = outputsLength;
    }

    /// <summary>The input rows.</summary>
    public ReadOnlySpan<float> Inputs => new(_inputs, _inputsLength);

    /// <summary>Whether <paramref name="other"/> gives the same spans.</summary>
    internal bool SameAs(in BatchSpans other) =>
        _inputs == other._inputs && _targets == other._targets && _classes == other._classes && _outputs == other._outputs
        && _inputsLength == other._inputsLength && _targetsLength == other._targetsLength
        && _classesLength == other._classesLength && _outputsLength == other._outputsLength;

    /// <summary>The target rows, or empty.</summary>
    public ReadOnlySpan<float> Targets => new(_targets, _targetsLength);

    /// <summary>The target classes, or empty.</summary>
    public ReadOnlySpan<int> Classes => new(_classes, _classesLength);

    /// <summary>The output rows, or empty.</summary>
    public Span<float> Outputs => new(_outputs, _outputsLength);
}

/// <summary>
/// A small pool of persistent worker threads for the batched kernels: the calling thread and up to
/// <see cref="MaxWorkers"/> − 1 helpers take chunks until none are left. The caller never waits for a helper to
/// arrive: it takes every chunk no helper has claimed yet, and waits only for chunks a helper is running, so a run is
/// never slower than on one thread by more than the hand-over, however late a helper is (a busy core, a descheduled
/// thread). A helper that loses its processor in the middle of a chunk holds the run up until it gets it back. So the
/// pool keeps account of the time its helpers save and lose against the caller alone: once they have lost more than
/// they saved just before, it runs on the calling thread alone for a while (16 times the time lost, at least 100 µs,
/// so that the helpers are still awake when it tries them again; doubling when they lose again before saving 1 ms; at
/// most 1 s), then tries its helpers again. Nothing is allocated per call once the
/// helpers exist (they start on first use and live as background threads). One batch runs at a time; a second caller
/// meanwhile runs its chunks on its own thread, which gives the same results, because callers make every chunk's
/// result independent of which thread ran it and combine the results in chunk order.
/// </summary>
/// <remarks>
/// A training step is a few runs in a row (the blocks of rows, then the reduction of their gradients), each a few
/// hundred microseconds or less, while waking a blocked thread takes tens of microseconds. So a helper that finishes
/// spins for 200 µs before it blocks, and the caller spins as long before it blocks on the helpers: back-to-back
/// runs then hand work over in well under a microsecond. The fields that threads write while others read them sit on
/// cache lines of their own, so that a helper's spinning does not slow the caller's writes. What a hand-over costs is
/// mostly cache lines travelling between the cores, so a run writes no line it does not have to: no clearing after a
/// run, and no event unless someone blocks (docs/performance.md, Threads).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchParallelism
{
    /// <summary>
    /// How long an idle helper spins, waiting for the next run, before it blocks, and how long the caller spins for the helpers
    /// before it blocks: 200 µs, longer than what a training step does on one thread between its runs (the optimizer update).
    /// </summary>
    private static readonly long SpinTime = Math.Max(1, Stopwatch.Frequency / 5_000);

    /// <summary>The most threads a batch can use: the number of processors.</summary>
    /// <remarks>Declared before the fields sized from it, which are initialized in order.</remarks>
    public static int MaxWorkers { get; } = Math.Max(1, Environment.ProcessorCount);

    private static readonly object Gate = new();
    private static readonly SemaphoreSlim Finished = new(0);
    private static readonly HelperSlot[] Slots = new HelperSlot[MaxWorkers - 1];
    private static readonly SemaphoreSlim[] WakeUps = CreateWakeUps(MaxWorkers - 1);

    // A helper's sleep state (HelperSlot.Sleeping): awake; announced asleep; woken by a caller and not running yet.
    private const int Awake = 0;
    private const int Asleep = 1;
    private const int Waking = 2;

    /// <summary>When each helper was last woken; read and written by callers only, under the gate.</summary>
    private static readonly long[] WokenAt = new long[MaxWorkers - 1];

    /// <summary>How long a woken helper counts as still waking (1 ms, several times what waking a processor takes); after that, as a helper that misses its runs.</summary>
    private static readonly long LongestWake = Math.Max(1, Stopwatch.Frequency / 1_000);
    private static int _helpersStarted;
    private static IChunkWork? _work;
    private static BatchSpans _spans;
    private static int _chunks;
    private static PaddedTicket _ticket;
    private static PaddedCounter _chunksDone;
    private static PaddedCounter _callerBlocked;
    private static int _run;
    private static ExceptionDispatchInfo? _failure;
    private static long _aloneUntil;
    private static long _lastRunEnd;
    private static long _aloneTime;
    private static long _lastLoss = long.MinValue / 2;
    private static long _credit;

    /// <summary>How many times the time the helpers lost the pool then runs alone: a helper that keeps losing costs a sixteenth at most.</summary>
    private const int AloneTimePerLoss = 16;

    /// <summary>The most the helpers' savings count for against a later loss (1 ms); saving that much also ends the doubling of the time alone.</summary>
    private static readonly long CreditLimit = Math.Max(1, Stopwatch.Frequency / 1_000);

    /// <summary>How late a helper woken from its sleep (or idle for longer than it spins) may be without the run counting as lost: waking a thread takes tens of microseconds.</summary>
    private static readonly long WakeUpAllowance = Math.Max(1, SpinTime / 2);

    /// <summary>
    /// The shortest time the pool runs on the calling thread alone once its helpers lost: shorter than a helper's
    /// <see cref="SpinTime"/>, so that after a small loss the next run finds the helper still awake and can win again.
    /// </summary>
    internal static long FirstAloneTime { get; set; } = Math.Max(1, SpinTime / 2);

    /// <summary>The longest the pool runs on the calling thread alone (0 with <see cref="FirstAloneTime"/> 0: never alone), and how long after the last loss the next one no longer doubles it.</summary>
    internal static long LongestAloneTime { get; set; } = Stopwatch.Frequency;

    /// <summary>Called by a helper handed a run, before it claims any chunk (a test hook: it holds a helper up there).</summary>
    internal static Action? HelperHandedRun { get; set; }

    /// <summary>
    /// Whether a call allowed <paramref name="maxDegreeOfParallelism"/> threads should share its work now: more than one
    /// allowed, more than one processor, and the pool not running alone after its helpers lost. A call told not to takes
    /// its one-thread path, which does less (no per-thread gradients to add up) and gives the same bits.
    /// </summary>
    /// <param name="maxDegreeOfParallelism">The most threads the call may use.</param>
    /// <returns>Whether to split the call's work between threads.</returns>
    public static bool Shares(int maxDegreeOfParallelism) => maxDegreeOfParallelism > 1 && MaxWorkers > 1 && !RunsAlone;

    /// <summary>Whether runs now go on the calling thread alone, after a run that lost to one thread.</summary>
    internal static bool RunsAlone => Volatile.Read(ref _aloneUntil) != 0 && Stopwatch.GetTimestamp() < Volatile.Read(ref _aloneUntil);

    /// <summary>Forgets every lost run, so that the next run hands chunks to the helpers again.</summary>
    internal static void ForgetLostRuns()
    {
        lock (Gate)
        {
            _aloneTime = 0;
            _lastLoss = long.MinValue / 2;
            _credit = 0;
            Volatile.Write(ref _aloneUntil, 0);
        }
    }

    [ThreadStatic]
    private static float[]? t_scratch;

    /// <summary>
    /// This thread's scratch of at least <paramref name="length"/> floats, for activations that do not fit on the stack.
    /// Each thread has its own, which grows to the largest length asked and is kept, so a call allocates nothing once
    /// warmed up. Its contents are undefined; it must not be held across a call that may ask for it again.
    /// </summary>
    /// <param name="length">The number of floats needed.</param>
    /// <returns>An array of at least that length.</returns>
    public static float[] ThreadScratch(int length) => ThreadBuffer.AtLeast(ref t_scratch, length);

    /// <summary>Runs chunks 0 … <paramref name="chunks"/> − 1 of <paramref name="work"/> on up to <paramref name="workers"/> threads, and returns when all are done.</summary>
    /// <param name="work">The work.</param>
    /// <param name="chunks">The number of chunks.</param>
    /// <param name="workers">The most threads to use, the calling one included; 1 runs everything on the calling thread.</param>
    /// <param name="inputs">Input rows the chunks read.</param>
    /// <param name="targets">Target rows the chunks read, or empty.</param>
    /// <param name="classes">Target classes the chunks read, or empty.</param>
    /// <param name="outputs">Output rows the chunks write, or empty.</param>
    /// <exception cref="Exception">The first exception a chunk threw, rethrown on the calling thread once every chunk has run.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(IChunkWork work, int chunks, int workers, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, ReadOnlySpan<int> classes, Span<float> outputs)
    {
        ArgumentNullException.ThrowIfNull(work);
        fixed (float* i = inputs, t = targets, o = outputs)
        fixed (int* c = classes)
        {
            var spans = new BatchSpans(i, inputs.Length, t, targets.Length, c, classes.Length, o, outputs.Length);
            int helpers = Math.Min(Math.Min(workers, MaxWorkers), chunks) - 1;

            // A chunk that runs a batch of its own (a caller's, or a helper's) runs it on its own thread: the gate is
            // reentrant, and the pool serves one run at a time. After a lost run, runs go alone for a while.
            if (helpers <= 0 || RunsAlone || Monitor.IsEntered(Gate) || !Monitor.TryEnter(Gate))
            {
                // As on the pool: every chunk runs, then the first exception is rethrown.
                ExceptionDispatchInfo? failure = null;
                for (int chunk = 0; chunk < chunks; chunk++)
                {
                    try
                    {
                        work.RunChunk(chunk, 0, in spans);
                    }
                    catch (Exception exception)
                    {
                        failure ??= ExceptionDispatchInfo.Capture(exception);
                    }
                }

                failure?.Throw();
                return;
            }

            try
            {
                RunShared(work, spans, chunks, helpers);
            }
            finally
            {
                Monitor.Exit(Gate);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunShared(IChunkWork work, BatchSpans spans, int chunks, int helpers)
    {
        StartHelpers(helpers);

        // A helper that arrives late for the last run must claim nothing while the fields below change (it would run a
        // chunk of this run's work and count it twice): the ticket names this run, with no chunk left, before they do.
        int run = ++_run;
        Interlocked.Exchange(ref _ticket.Value, Ticket(run, int.MaxValue));

        // The run's fields are written only when they change, and not cleared after it: a store to a line the helpers
        // have read makes each of them fetch it again from this core. The last run's work stays referenced until the pool
        // goes idle.
        if (!ReferenceEquals(_work, work))
        {
            _work = work;
        }

        if (!_spans.SameAs(spans))
        {
            _spans = spans;
        }

        if (_chunks != chunks)
        {
            _chunks = chunks;
        }

        if (_failure is not null)
        {
            _failure = null;
        }

        // Chunk 0 is the caller's: it runs it while the helpers wake, and whatever chunk 0 writes (in training, the gradient
        // that the optimizer step reads next) stays in the caller's cache. The ticket pairs the run with the next chunk,
        // so that a helper still looking at an earlier run can never claim a chunk of this one.
        long handOff = Stopwatch.GetTimestamp();

        // A helper idle for longer than it spins has gone to sleep or lost its processor meanwhile: it may arrive late.
        bool helpersWaking = handOff - _lastRunEnd > SpinTime;
        _chunksDone.Value = 0;
        Volatile.Write(ref _ticket.Value, Ticket(run, 1));
        for (int h = 0; h < helpers; h++)
        {
            // The run number is the helper's signal; the exchange is a full fence, so the fields above are visible to it.
            ref HelperSlot slot = ref Slots[h];
            Volatile.Write(ref slot.Run, run);
            int state = Interlocked.CompareExchange(ref slot.Sleeping, Waking, Asleep);
            if (state == Asleep)
            {
                WokenAt[h] = handOff;
                WakeUps[h].Release();
                helpersWaking = true;
            }
            else if (state == Waking && handOff - WokenAt[h] <= LongestWake)
            {
                // Woken for an earlier run and not running yet: waking a processor can take longer than a run.
                helpersWaking = true;
            }
        }

        long start = Stopwatch.GetTimestamp();
        RunChunk(work, 0, 0);
        Interlocked.Increment(ref _chunksDone.Value);
        int own = 1 + TakeChunks(run, 0);
        long ownDone = Stopwatch.GetTimestamp();
        WaitForChunks(run, chunks);
        // What the run spent beyond its own chunks: handing them over, then waiting for the helpers' chunks.
        _lastRunEnd = Stopwatch.GetTimestamp();
        JudgeRun(ownDone - start, own, chunks - own, (start - handOff) + (_lastRunEnd - ownDone), helpersWaking);

        _failure?.Throw();
    }

    /// <summary>
    /// Counts what the helpers saved or lost in a run against the caller alone, estimating their chunks at the caller's
    /// mean chunk time. Helpers that took no chunk count as a loss of one: spinning for a run they then miss, they take
    /// processor time from the caller (on a machine with other work, the usual reason they miss it); not so when they had
    /// to wake for the run, which then cost the caller nothing. A loss first uses
    /// up what they saved just before (up to <see cref="CreditLimit"/>); beyond that,
    /// the pool runs alone for <see cref="AloneTimePerLoss"/> times the rest, at least <see cref="FirstAloneTime"/>, and
    /// at least twice as long as last time if the helpers lost again before saving <see cref="CreditLimit"/>.
    /// </summary>
    /// <param name="ownTime">How long the caller took for its own chunks.</param>
    /// <param name="own">How many chunks the caller ran.</param>
    /// <param name="helped">How many chunks the helpers ran.</param>
    /// <param name="waited">How long the caller spent on the run besides its own chunks: handing it over, then waiting for the helpers.</param>
    /// <param name="helpersWaking">Whether a helper had to be woken for the run or was still waking from an earlier one, or had been idle for longer than it spins before it.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void JudgeRun(long ownTime, int own, int helped, long waited, bool helpersWaking)
    {
        long saved = helped == 0 ? -(ownTime / own) : (ownTime * helped / own) - waited;
        if (saved < 0 && helpersWaking)
        {
            // A helper still waking that took nothing cost the caller nothing; one that took a chunk late, its lateness.
            saved = helped == 0 ? 0 : Math.Min(0, saved + WakeUpAllowance);
        }

        _credit = Math.Min(_credit + saved, CreditLimit);
        if (_credit >= 0)
        {
            if (_credit == CreditLimit)
            {
                _aloneTime = 0;
            }

            return;
        }

        long lost = -_credit;
        _credit = 0;
        long now = Stopwatch.GetTimestamp();
        long proportional = Math.Min(lost * AloneTimePerLoss, LongestAloneTime);
        bool again = _aloneTime != 0 && now - _lastLoss <= LongestAloneTime;
        _aloneTime = again
            ? Math.Min(Math.Max(Math.Max(FirstAloneTime, proportional), _aloneTime * 2), LongestAloneTime)
            : Math.Max(FirstAloneTime, proportional);
        _lastLoss = now;
        Volatile.Write(ref _aloneUntil, now + _aloneTime);
    }

    private static long Ticket(int run, int chunk) => ((long)run << 32) | (uint)chunk;

    /// <summary>
    /// Waits until every chunk of run <paramref name="run"/> is done, that is until the helpers finish the chunks they
    /// claimed: spinning first, then blocked. A helper that has not arrived yet is not waited for. The helper that finishes
    /// the last chunk wakes the caller only if it announced that it blocks, so that a run whose helpers finish while the
    /// caller spins (the usual case) costs no event: setting and resetting one would add two cache-line transfers between
    /// the cores to every run. The announcement is the run's number, so that no helper of another run can take it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WaitForChunks(int run, int chunks)
    {
        long spinUntil = Stopwatch.GetTimestamp() + SpinTime;
        int round = 0;
        while (Volatile.Read(ref _chunksDone.Value) != chunks)
        {
            if (Stopwatch.GetTimestamp() < spinUntil)
            {
                Pause(ref round);
                continue;
            }

            // Announce the block, then look again: the last helper either sees the announcement and releases the semaphore,
            // or finished before it and so is seen here; if both happen, whoever takes the announcement back first decides.
            Interlocked.Exchange(ref _callerBlocked.Value, run);
            if (Volatile.Read(ref _chunksDone.Value) != chunks || Interlocked.CompareExchange(ref _callerBlocked.Value, 0, run) != run)
            {
                Finished.Wait();
            }

            return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void StartHelpers(int helpers)
    {
        for (; _helpersStarted < helpers; _helpersStarted++)
        {
            int helper = _helpersStarted;
            var thread = new Thread(() => Help(helper)) { IsBackground = true, Name = "CompiledNN worker " + (helper + 1) };
            thread.Start();
        }
    }

    private static SemaphoreSlim[] CreateWakeUps(int helpers)
    {
        var wakeUps = new SemaphoreSlim[helpers];
        for (int h = 0; h < helpers; h++)
        {
            wakeUps[h] = new SemaphoreSlim(0);
        }

        return wakeUps;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Help(int helper)
    {
        int seen = 0;
        while (true)
        {
            seen = WaitForRun(helper, seen);
            HelperHandedRun?.Invoke();
            TakeChunks(seen, helper + 1);
        }
    }

    /// <summary>Waits until the caller hands helper <paramref name="helper"/> a run after <paramref name="seen"/>: spinning first, then blocked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WaitForRun(int helper, int seen)
    {
        long spinUntil = Stopwatch.GetTimestamp() + SpinTime;
        int round = 0;
        while (true)
        {
            ref HelperSlot slot = ref Slots[helper];
            int run = Volatile.Read(ref slot.Run);
            if (run != seen)
            {
                return run;
            }

            if (Stopwatch.GetTimestamp() < spinUntil)
            {
                Pause(ref round);
                continue;
            }

            if (helper == 0)
            {
                ForgetLastRun();
            }

            // Announce the sleep, then look again: a caller that came in between either sees the flag and releases the
            // semaphore, or wrote its run before the flag and so is seen here.
            Interlocked.Exchange(ref slot.Sleeping, Asleep);
            if (Volatile.Read(ref slot.Run) != seen && Interlocked.Exchange(ref slot.Sleeping, Awake) == Asleep)
            {
                continue;
            }

            WakeUps[helper].Wait();
            Volatile.Write(ref slot.Sleeping, Awake);
            spinUntil = Stopwatch.GetTimestamp() + SpinTime;
        }
    }

    /// <summary>
    /// Drops the last run's work and spans when the pool goes idle, so that it does not keep a network alive; under the
    /// gate, which a run holds throughout, so never in the middle of one (if a run holds it, the next idle time will).
    /// </summary>
    private static void ForgetLastRun()
    {
        if (Monitor.TryEnter(Gate))
        {
            try
            {
                _work = null;
                _spans = default;
            }
            finally
            {
                Monitor.Exit(Gate);
            }
        }
    }

    /// <summary>
    /// One round of a spin-wait: one pause (about 40 ns, so that a hand-over is seen soon after it happens), and every 512th
    /// round (about every 20 µs) a yield, so that on a machine with more ready threads than processors the spinning thread
    /// gives its processor to one of them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pause(ref int round)
    {
        if ((++round & 511) == 0)
        {
            Thread.Yield();
        }
        else
        {
            Thread.SpinWait(1);
        }
    }

    /// <summary>
    /// Claims and runs chunks of run <paramref name="run"/> until none is left, and returns how many it ran. A claim
    /// succeeds only while the ticket still names this run, so the fields the caller wrote for it (work, spans, count)
    /// are current from the claim until the chunk is counted done, which the caller waits for.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int TakeChunks(int run, int worker)
    {
        int taken = 0;
        while (true)
        {
            long ticket = Volatile.Read(ref _ticket.Value);
            int chunk = (int)ticket;
            if ((int)(ticket >> 32) != run || chunk >= _chunks)
            {
                return taken;
            }

            if (Interlocked.CompareExchange(ref _ticket.Value, ticket + 1, ticket) != ticket)
            {
                continue;
            }

            // Read before the chunk is counted: once every chunk is done the caller may start the next run.
            int chunks = _chunks;
            taken++;
            RunChunk(_work!, chunk, worker);
            if (Interlocked.Increment(ref _chunksDone.Value) == chunks && worker != 0 && Interlocked.CompareExchange(ref _callerBlocked.Value, 0, run) == run)
            {
                Finished.Release();
            }
        }
    }

    /// <summary>Runs one chunk, keeping its exception (the first of the run) for the caller.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunChunk(IChunkWork work, int chunk, int worker)
    {
        try
        {
            work.RunChunk(chunk, worker, in _spans);
        }
        catch (Exception exception)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(exception), null);
        }
    }

    /// <summary>A counter on a cache line of its own (64 bytes before and after it), so that threads writing it do not slow readers of its neighbours.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct PaddedCounter
    {
        [FieldOffset(64)]
        public int Value;
    }

    /// <summary>The run and its next unclaimed chunk in one word (run in the high half), on a cache line of its own.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct PaddedTicket
    {
        [FieldOffset(64)]
        public long Value;
    }

    /// <summary>One helper's signals, on a cache line of its own: the last run handed to it, and whether it is blocked.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct HelperSlot
    {
        [FieldOffset(64)]
        public int Run;

        [FieldOffset(68)]
        public int Sleeping;
    }
}
