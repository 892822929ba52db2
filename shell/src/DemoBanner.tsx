/** Across the top of every page when the server runs in demo mode. */
export function DemoBanner() {
  return (
    <div
      role="status"
      data-testid="demo-banner"
      style={{
        background: '#fa8c16',
        color: '#fff',
        fontWeight: 700,
        letterSpacing: 1,
        textAlign: 'center',
        padding: '4px 12px',
        fontSize: 13,
      }}
    >
      MODE DÉMO — données de démonstration
    </div>
  );
}
