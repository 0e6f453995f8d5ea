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
)

// Config sizes a Pool. Workers must be positive.
type Config struct {
	Workers int  // maximum number of worker goroutines
	Limit   int  // maximum number of queued tasks; 0: unbounded
	Block   bool // a full queue makes Execute wait instead of refusing
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
	exited  chan struct{} // closed when closed and no worker is left
}

// worker is an idle worker's hand-off slot: a task, or nil to exit.
type worker struct {
	hand chan runtimes.Task // 1-buffered
}

// New returns a pool; workers start on demand.
func New(cfg Config) *Pool {
	p := &Pool{cfg: cfg, exited: make(chan struct{})}
	p.space.L = &p.mu
	return p
}

// Execute hands t to an idle worker or queues it. It returns
// runtimes.ErrClosed after Close, and runtimes.ErrOverloaded when the queue
// is full, unless Block is set: then it waits for space, or for Close.
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
		if !p.cfg.Block {
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

// work runs queued and handed-off tasks until the pool is closed and its
// queue empty.
func (p *Pool) work(w *worker) {
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
