// Package workq is the worker pool behind the pool adapter and the loop
// adapter's default executor: a fixed maximum of lazily started workers
// sharing a FIFO queue that is either bounded (refusing or blocking when
// full) or unbounded. A task finding an idle worker is handed to it
// directly. Execute allocates nothing in steady state.
package workq

import (
	"context"
	"sync"

	"github.com/shimgen/shimgen/runtimes"
	"github.com/shimgen/shimgen/runtimes/internal/goid"
)

// Config sizes a Pool. Workers must be positive.
type Config struct {
	Workers int  // maximum number of worker goroutines
	Limit   int  // maximum number of queued tasks; 0: unbounded
	Block   bool // a full queue makes Execute wait instead of refusing,
	// except on a worker of the pool: see Pool.Execute
}

// Pool is a worker pool. It implements runtimes.Executor and
// runtimes.Closer.
//
// Invariant (under mu): idle workers exist only while the queue is empty.
type Pool struct {
	cfg     Config
	mu      sync.Mutex
	space   sync.Cond // a blocked Execute waits for space or Close
	q       ring
	idle    []*worker // waiting for a hand-off, most recent last
	workers int       // started and not exited
	blocked int       // Execute calls waiting on space
	closed  bool
	exited  chan struct{}       // closed when closed and no worker is left
	gids    map[uint64]struct{} // with Block: the workers' goroutine ids
}

// worker is an idle worker's hand-off slot: a task, or nil to exit.
type worker struct {
	hand chan runtimes.Task // 1-buffered
}

// New returns a pool; workers start on demand.
func New(cfg Config) *Pool {
	p := &Pool{cfg: cfg, exited: make(chan struct{})}
	p.space.L = &p.mu
	if cfg.Block {
		p.gids = make(map[uint64]struct{})
	}
	return p
}

// Execute hands t to an idle worker or queues it. It returns
// runtimes.ErrClosed after Close, and runtimes.ErrOverloaded when the queue
// is full, unless Block is set: then it waits for space, or for Close. On a
// worker of the pool (a task starting another task) Execute never waits:
// the space it would wait for may only come from that very worker, so a
// full queue refuses it with runtimes.ErrOverloaded even with Block.
func (p *Pool) Execute(t runtimes.Task) error {
	p.mu.Lock()
	if err := p.waitSpace(); err != nil {
		p.mu.Unlock()
		return err
	}
	if n := len(p.idle); n > 0 {
		w := p.idle[n-1]
		p.idle[n-1] = nil
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		w.hand <- t
		return nil
	}
	p.q.push(t)
	spawn := p.workers < p.cfg.Workers
	if spawn {
		p.workers++
	}
	p.mu.Unlock()
	if spawn {
		go p.work(&worker{hand: make(chan runtimes.Task, 1)})
	}
	return nil
}

// waitSpace returns nil once the queue has room, under mu.
func (p *Pool) waitSpace() error {
	for !p.closed && p.cfg.Limit > 0 && p.q.len() >= p.cfg.Limit {
		if !p.cfg.Block || p.onWorker() {
			return runtimes.ErrOverloaded
		}
		p.blocked++
		p.space.Wait()
		p.blocked--
	}
	if p.closed {
		return runtimes.ErrClosed
	}
	return nil
}

// onWorker reports, under mu, whether the caller is one of the workers of
// a Block pool. It reads the goroutine id: only a full queue asks.
func (p *Pool) onWorker() bool {
	_, ok := p.gids[goid.Current()]
	return ok
}

// work runs queued and handed-off tasks until the pool is closed and its
// queue empty.
func (p *Pool) work(w *worker) {
	if p.gids != nil {
		defer p.register(goid.Current())()
	}
	for {
		p.mu.Lock()
		var t runtimes.Task
		switch {
		case p.q.len() > 0:
			t = p.q.pop()
			if p.blocked > 0 {
				p.space.Signal()
			}
		case p.closed:
			p.exit()
			p.mu.Unlock()
			return
		default:
			p.idle = append(p.idle, w)
			if p.blocked > 0 {
				// The queue is empty: there is room. The pops woke
				// waiters already, but one of them may have handed its
				// task to an idle worker instead of queueing it,
				// leaving no pop to wake the next one.
				p.space.Signal()
			}
		}
		p.mu.Unlock()
		if t == nil {
			if t = <-w.hand; t == nil {
				return // Close exited the worker for us
			}
		}
		t.Run()
	}
}

// register records a worker's goroutine id, and returns the function that
// forgets it.
func (p *Pool) register(id uint64) func() {
	p.mu.Lock()
	p.gids[id] = struct{}{}
	p.mu.Unlock()
	return func() {
		p.mu.Lock()
		delete(p.gids, id)
		p.mu.Unlock()
	}
}

// exit retires a worker, under mu.
func (p *Pool) exit() {
	if p.workers--; p.workers == 0 {
		close(p.exited)
	}
}

// Close refuses new tasks and releases blocked Execute calls with
// runtimes.ErrClosed, lets the workers run the queued tasks, and waits until
// they have exited or ctx ends.
func (p *Pool) Close(ctx context.Context) error {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		p.space.Broadcast()
		if p.workers == 0 {
			close(p.exited)
		}
		for _, w := range p.idle {
			w.hand <- nil
			p.exit()
		}
		p.idle = nil
	}
	p.mu.Unlock()
	select {
	case <-p.exited:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
