// Package ifaces holds interfaces that exercise shimgen init.
package ifaces

import (
	"context"
	"io"
	"io/fs"
	"iter"
	"math/rand"
	"time"

	"github.com/shimgen/shimgen/internal/scaffold/testdata/ifaces/meta"
)

// Closer closes.
type Closer interface {
	// Close releases the store.
	Close(ctx context.Context) error
}

// Store keeps blobs.
//
// It is safe for concurrent use.
type Store interface {
	Closer

	// Get returns the blob stored under key.
	Get(ctx context.Context, key string) (data []byte, found bool, err error)
	// Put stores data.
	Put(context.Context, string, []byte, meta.Attrs) error
	// List streams the entries under prefix.
	List(ctx context.Context, prefix string) iter.Seq2[*meta.Entry, error]
	// Tag adds tags.
	Tag(ctx context.Context, key string, tags ...string) error
	// Rename uses reserved names.
	Rename(ctx context.Context, done bool, err string) (ctx2 int, _ error)
	// Size has no error result.
	Size(ctx context.Context) int64
	// Watch takes a channel.
	Watch(ctx context.Context, ch chan<- string) error
	// Len has no context.
	Len() (int, error)
	// Seed uses an ambiguous standard-library name and io.
	Seed(ctx context.Context, src *rand.Rand, w io.Writer, d time.Duration) error
	// Shuffle is skipped for two reasons.
	Shuffle(r *rand.Zipf) int
}

// Generic is type-parameterized.
type Generic[T any] interface {
	// Load loads a T.
	Load(ctx context.Context, key string) (T, error)
	// Drop does not use T.
	Drop(ctx context.Context, key string) error
}

// Number is a constraint.
type Number interface{ ~int | ~float64 }

// NotIface is not an interface.
type NotIface struct{}

// Plain has no method that fits.
type Plain interface {
	Do(int) int
}

// Timed is as shimgen generates an interface whose methods have timeouts.
type Timed interface {
	// Get gets.
	//
	// The generated forms give each call a deadline of 10s.
	Get(ctx context.Context, key string) error
	// The generated forms give the whole stream a deadline of 1m30s.
	List(ctx context.Context) iter.Seq2[string, error]
	// Put puts; the deadline of 5s in its doc is not the generated sentence.
	Put(ctx context.Context) error
}

// Client is a concrete type: init scaffolds its exported methods.
type Client struct {
	Closer // promotes Close
}

// Fetch fetches the blob under key.
func (c *Client) Fetch(ctx context.Context, key string) ([]byte, error) { return nil, nil }

// Ping has a value receiver.
func (Client) Ping(ctx context.Context) error { return nil }

// Count has no error result.
func (c *Client) Count() int { return 0 }

func (c *Client) reset() {}

// Cmd carries its error, as go-redis's commands do.
type Cmd struct{ err error }

// Err returns the error the command carries.
func (c *Cmd) Err() error { return c.err }

// SetErr sets it.
func (c *Cmd) SetErr(err error) { c.err = err }

// Legacy has no ctx and no error results.
type Legacy interface {
	// Get carries its error in the Cmd.
	Get(key string) *Cmd
	// Name has no error at all.
	Name() string
}

// Remote embeds an interface of another package.
type Remote interface {
	meta.Pinger
	// Fetch fetches.
	Fetch(ctx context.Context, key string) ([]byte, error)
}

// Uploader sends items.
type Uploader interface {
	// Upload writes the chunks under key.
	Upload(ctx context.Context, key string, chunks iter.Seq[[]byte]) (written int64, err error)
	// Chat sends and receives entries.
	Chat(ctx context.Context, room string, outs iter.Seq[meta.Entry]) iter.Seq2[*meta.Entry, error]
	// Sync sends items whose parameter is no plural.
	Sync(ctx context.Context, data iter.Seq[string]) error
	// Count has a result named like the sent item.
	Count(ctx context.Context, entries iter.Seq[string]) (entry int, err error)
	// Mid takes an iterator before other parameters: it is a parameter.
	Mid(ctx context.Context, keys iter.Seq[string], n int) error
	// Feed has no error result.
	Feed(ctx context.Context, items iter.Seq[int])
}

// Linker sends handles.
type Linker interface {
	// Link sends closers.
	Link(ctx context.Context, cs iter.Seq[Closer]) error
}

// Dirs opens files as fs.File and directories as fs.ReadDirFile: one
// handle, returned as two types.
type Dirs interface {
	Open(name string) (fs.File, error)
	OpenDir(name string) (fs.ReadDirFile, error)
}
