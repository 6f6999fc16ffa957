/**
 * Waits until the peer connection has gathered all its ICE candidates, so
 * the SDP carries them (WhatsApp takes no trickle ICE), or until the time
 * limit, after which the SDP carries what was found so far.
 */
export const iceGatheringComplete = (pc: RTCPeerConnection, timeoutMs = 5000): Promise<void> =>
  new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, timeoutMs);
    pc.addEventListener('icegatheringstatechange', check);
  });
