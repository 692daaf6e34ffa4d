import { complianceRatio, niceCeiling, scaleLinear, stackedWidths, ticks } from './chart-scale';

describe('chart scales', () => {
  it('rounds the largest value up to a nice number', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(12)).toBe(20);
    expect(niceCeiling(23)).toBe(25);
    expect(niceCeiling(48)).toBe(50);
    expect(niceCeiling(50)).toBe(50);
    expect(niceCeiling(51)).toBe(100);
    expect(niceCeiling(0.3)).toBeCloseTo(0.5);
  });

  it('makes evenly spaced ticks from 0', () => {
    expect(ticks(100, 4)).toEqual([0, 25, 50, 75, 100]);
    expect(ticks(1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(ticks(0)).toEqual([0]);
  });

  it('maps values into the drawing and clamps', () => {
    const x = scaleLinear(50, 400);
    expect(x(25)).toBe(200);
    expect(x(80)).toBe(400);
    expect(x(-3)).toBe(0);
    expect(scaleLinear(0, 400)(5)).toBe(0);
  });

  it('computes the share on time of the deadlines that stopped', () => {
    expect(complianceRatio(37, 3)).toBeCloseTo(0.925);
    expect(complianceRatio(0, 4)).toBe(0);
    expect(complianceRatio(0, 0)).toBeNull();
  });

  it('splits a stacked bar into whole pixels that add up', () => {
    expect(stackedWidths(1, 2, 3, 100)).toEqual({ onTime: 33, late: 67 });
    expect(stackedWidths(10, 0, 20, 400)).toEqual({ onTime: 200, late: 0 });
    expect(stackedWidths(0, 0, 20, 400)).toEqual({ onTime: 0, late: 0 });
  });
});
